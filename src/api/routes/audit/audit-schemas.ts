/** Schemas of the audit routes: the validator and the OpenAPI document both come from these. */
import { Type } from 'typebox';
import { Nullable } from '../../nullable.ts';

const HEX32 = '^[0-9a-f]{64}$';

export const AuditQuery = Type.Object(
  {
    subject_type: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z-]{0,39}$',
        description:
          'incident, report, report-link, user, api-token, import-run, import-batch, charter-proposal, charter-decision, assistance-case',
      }),
    ),
    subject_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    before: Type.Optional(
      Type.Integer({ minimum: 0, description: "entries below this seq: the previous page's next_before" }),
    ),
  },
  { additionalProperties: false },
);

export const SeqParams = Type.Object({ seq: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  time: Type.String(),
  actor: Type.Object({
    name: Type.String(),
    user_id: Nullable(Type.Integer()),
    role: Type.String(),
    party: Nullable(Type.String()),
  }),
  action: Type.String({ examples: ['incident.update'] }),
  subject: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown({ description: 'the record (or the changed fields) before; null for a creation' }),
  after: Type.Unknown({ description: 'the record (or the changed fields) after' }),
  leaf_hash: Type.String({ pattern: HEX32, description: 'SHA-256(0x00 ‖ entry), RFC 6962' }),
});

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  next_before: Nullable(Type.Integer()),
});

export const CheckpointSchema = Type.Object({
  size: Type.Integer({ description: 'entries 0…size-1 are signed' }),
  root_hash: Type.String({ pattern: HEX32 }),
  signed_at: Type.String(),
  key_id: Type.String({ description: 'the signing key: name+keyhash (C2SP signed note)' }),
  note: Type.String({ description: 'the signed checkpoint, C2SP tlog-checkpoint text' }),
});

export const ProofSchema = Type.Object({
  format: Type.Literal('liptako-audit-proof/1'),
  leaf_index: Type.Integer(),
  tree_size: Type.Integer(),
  entry: Type.String({ description: "the entry's canonical JSON: the leaf's data" }),
  leaf_hash: Type.String({ pattern: HEX32 }),
  audit_path: Type.Array(Type.String({ pattern: HEX32 })),
  root_hash: Type.String({ pattern: HEX32 }),
  checkpoint: Type.String(),
});
