/**
 * One entry of the audit log: who changed what, when, from what to what. Its bytes are the UTF-8 of
 * its canonical JSON (canonical-json.ts), and those bytes are what the Merkle tree hashes:
 *
 *   {"action":"incident.update","actor":{"name":"amina","party":null,"role":"analyst","user_id":2},
 *    "after":{"status":"verified"},"before":{"status":"reported"},"seq":41,
 *    "subject":{"id":"7","type":"incident"},"time":"2025-03-01T10:00:00.000Z","v":1}
 *
 * `seq` is the entry's index in the log (0, 1, 2… without gaps), so that an entry moved to another
 * place no longer matches its place. `before` is null for a creation, `after` null for a removal.
 */
import type { Role } from '../role.ts';
import { canonicalJson } from './canonical-json.ts';

export const AUDIT_ENTRY_VERSION = 1;

/** Who acted: a signed-in user, or a process of the platform (role 'system', no user id). */
export interface AuditActor {
  readonly name: string;
  readonly userId: number | null;
  readonly role: Role | 'system';
  /** ISO3 of the party the user acts for; null for alliance-wide roles and processes. */
  readonly party: string | null;
}

/** A process of the platform acting on its own (an import, the demo loader, a CLI command). */
export function systemActor(name: string): AuditActor {
  return { name, userId: null, role: 'system', party: null };
}

export interface AuditSubject {
  /** incident, report, report-link, user, api-token, import-run, charter-proposal, … */
  readonly type: string;
  readonly id: string;
}

/** What a write records, before the log gives it its place and time. */
export interface AuditChange {
  /** `<subject type>.<verb>`: incident.create, incident.update, report.create, user.create, … */
  readonly action: string;
  readonly subject: AuditSubject;
  /** JSON data: plain objects, arrays, strings, finite numbers, booleans, null (else serializing throws). */
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry extends AuditChange {
  readonly seq: number;
  /** ISO 8601 time of the change. */
  readonly time: string;
  readonly actor: AuditActor;
}

/** The entry's canonical text; its UTF-8 bytes are the Merkle leaf's data. */
export function serializeEntry(entry: AuditEntry): string {
  return canonicalJson({
    v: AUDIT_ENTRY_VERSION,
    seq: entry.seq,
    time: entry.time,
    actor: {
      name: entry.actor.name,
      user_id: entry.actor.userId,
      role: entry.actor.role,
      party: entry.actor.party,
    },
    action: entry.action,
    subject: { type: entry.subject.type, id: entry.subject.id },
    before: entry.before,
    after: entry.after,
  });
}

type Parsed =
  { readonly ok: true; readonly entry: AuditEntry } | { readonly ok: false; readonly problem: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Reads an entry's stored text back; refuses anything that is not exactly its canonical form. */
export function parseEntry(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not JSON' };
  }
  if (!isRecord(raw)) return { ok: false, problem: 'is not a JSON object' };
  const { v, seq, time, actor, action, subject, before, after } = raw;
  if (v !== AUDIT_ENTRY_VERSION) return { ok: false, problem: `has version ${String(v)}, not 1` };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
    return { ok: false, problem: 'has no valid seq' };
  if (!isText(time) || !isText(action)) return { ok: false, problem: 'has no time or action' };
  if (!isRecord(actor) || !isText(actor['name']) || !isText(actor['role']) || !isTextOrNull(actor['party']))
    return { ok: false, problem: 'has no valid actor' };
  const userId = actor['user_id'];
  if (userId !== null && (typeof userId !== 'number' || !Number.isSafeInteger(userId)))
    return { ok: false, problem: 'has no valid actor user_id' };
  if (!isRecord(subject) || !isText(subject['type']) || !isText(subject['id']))
    return { ok: false, problem: 'has no valid subject' };
  if (before === undefined || after === undefined) return { ok: false, problem: 'has no before or after' };
  const entry: AuditEntry = {
    seq,
    time,
    // The role is whatever was recorded: an old entry may name a role since renamed.
    actor: { name: actor['name'], userId, role: actor['role'] as AuditActor['role'], party: actor['party'] },
    action,
    subject: { type: subject['type'], id: subject['id'] },
    before,
    after,
  };
  if (serializeEntry(entry) !== text) return { ok: false, problem: 'is not in canonical form' };
  return { ok: true, entry };
}
