/**
 * `liptako audit checkpoint|export|verify|proof|verify-proof`: the tamper-evident audit log.
 *
 *   audit checkpoint                       verify the log, sign its current tree head, store and print it
 *   audit export [--out FILE]              the verifier key and every checkpoint, for the parties to keep
 *   audit verify [--key VKEY|FILE]         recompute everything; exit 1 naming the first bad entry
 *   audit proof SEQ [--out FILE]           the inclusion proof of entry SEQ (JSON)
 *   audit verify-proof FILE --key VKEY|FILE   check a proof alone (no database)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAuditKey } from '../commands/audit-key.ts';
import {
  checkProof,
  exportAudit,
  proveEntry,
  signCheckpoint,
  verifyAuditLog,
} from '../commands/audit-log.ts';
import { formatVerifierKey, parseVerifierKey, type VerifierKey } from '../domain/audit/checkpoint.ts';
import { sha256 } from '../store/audit-records.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage:
  liptako audit checkpoint               verify the log, then sign, store and print a checkpoint of it
  liptako audit export [--out FILE]      write the verifier key and every checkpoint (JSON)
  liptako audit verify [--key KEY]       recompute every leaf, root and signature; exit 1 naming the
                                         first bad entry when anything was altered
  liptako audit proof SEQ [--out FILE]   print the inclusion proof of entry SEQ (JSON)
  liptako audit verify-proof FILE --key KEY
                                         check a proof alone, without the database
KEY is a verifier key (name+hash+base64key, as \`audit export\` writes it) or a file holding one or an
export. Without --key, the deployment's key file is used (LIPTAKO_AUDIT_KEY, or audit-key.pem next to
the SQLite file).`;

/** A verifier key given as text, a file holding it, or an export file. */
function readVerifierKey(value: string): VerifierKey {
  let text = value;
  if (existsSync(value)) {
    text = readFileSync(value, 'utf8');
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && 'verifier_key' in parsed)
        text = String(parsed.verifier_key);
    } catch {
      // Not JSON: the file holds the key itself.
    }
  }
  const key = parseVerifierKey(sha256, text);
  if (typeof key === 'string') throw new UsageError(`--key: ${key}`);
  return key;
}

function output(text: string, out: string | undefined): void {
  if (out === undefined) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  else writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
}

export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...DATABASE_OPTIONS, out: { type: 'string' }, key: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, operand] = positionals;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (action === 'verify-proof') {
    if (operand === undefined || values.key === undefined)
      throw new UsageError(`verify-proof needs a FILE and --key\n${HELP}`);
    let proof: unknown;
    try {
      proof = JSON.parse(readFileSync(operand === '-' ? 0 : operand, 'utf8'));
    } catch (error) {
      console.error(`not a proof: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const checked = checkProof(proof, formatVerifierKey(readVerifierKey(values.key)));
    if (!checked.ok) {
      console.error(`proof REJECTED: ${checked.problem}`);
      return 1;
    }
    console.log('proof OK: the entry is in the log the checkpoint signs');
    return 0;
  }
  if (!['checkpoint', 'export', 'verify', 'proof'].includes(action ?? ''))
    throw new UsageError(`expected checkpoint, export, verify, proof or verify-proof\n${HELP}`);
  let seq = 0;
  if (action === 'proof') {
    seq = Number(operand);
    if (operand === undefined || !/^\d+$/.test(operand) || !Number.isSafeInteger(seq))
      throw new UsageError(`proof needs the entry's sequence number\n${HELP}`);
  }
  const config = configFrom(values);
  const store = await openConfiguredStore(config);
  try {
    if (action === 'verify') {
      const key =
        values.key === undefined
          ? loadAuditKey(config.auditKeyPath, { create: false }).verifier
          : readVerifierKey(values.key);
      const result = await verifyAuditLog(store, key);
      if (result.ok) {
        console.log(
          `audit log OK: ${result.size} entries, root ${result.rootHash}, ${result.checkpoints} checkpoints verified`,
        );
        return 0;
      }
      const first = result.firstBadSeq === null ? 'a checkpoint' : `entry ${result.firstBadSeq}`;
      console.error(`audit log ALTERED: first bad ${first}`);
      for (const p of result.problems) console.error(`  - ${p.message}`);
      return 1;
    }
    if (action === 'proof') {
      const result = await proveEntry(store, seq);
      if (!result.ok) {
        console.error(result.message);
        return 1;
      }
      output(JSON.stringify(result.proof, null, 2), values.out);
      return 0;
    }
    const key = loadAuditKey(config.auditKeyPath, { create: action === 'checkpoint' });
    if (action === 'export') {
      output(JSON.stringify(await exportAudit(store, key.verifier), null, 2), values.out);
      if (values.out !== undefined) console.error(`wrote ${values.out}`);
      return 0;
    }
    const signed = await signCheckpoint(store, key, new Date());
    if (!signed.ok) {
      console.error(
        `not signed: the audit log fails verification (first bad ${signed.verification.firstBadSeq ?? 'a checkpoint'}):`,
      );
      for (const p of signed.verification.problems) console.error(`  - ${p.message}`);
      return 1;
    }
    process.stdout.write(signed.note);
    return 0;
  } finally {
    await store.close();
  }
}
