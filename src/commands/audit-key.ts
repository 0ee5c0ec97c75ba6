/**
 * The deployment's audit key: an Ed25519 key pair that signs the audit log's checkpoints. Created on
 * first start in a PKCS#8 PEM file readable by its owner only (0600); a file that others may read is
 * refused. Its verifier key (`name+keyhash+base64key`, C2SP signed-note) is what parties keep to check
 * checkpoints and proofs; the name, `liptako/audit/<16 hex digits of SHA-256(public key)>`, is also
 * the origin line of every checkpoint.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toHex } from '../domain/audit/bytes.ts';
import { verifierKey, type VerifierKey } from '../domain/audit/checkpoint.ts';
import { sha256 } from '../store/audit-records.ts';

export interface AuditKey {
  readonly privateKey: KeyObject;
  readonly verifier: VerifierKey;
}

/** The raw 32 bytes of an Ed25519 public key. */
function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || jwk.x === undefined) throw new Error('the audit key is not an Ed25519 key');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

export function auditKeyOf(privateKey: KeyObject): AuditKey {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const name = `liptako/audit/${toHex(sha256(publicKey)).slice(0, 16)}`;
  return { privateKey, verifier: verifierKey(sha256, name, publicKey) };
}

/** Reads the key file; creates it (and its folder) when `create` and it does not exist. */
export function loadAuditKey(file: string, options: { readonly create: boolean }): AuditKey {
  let pem: string;
  try {
    const mode = statSync(file).mode;
    if ((mode & 0o077) !== 0)
      throw new Error(`${file} may be read by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`);
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    if (!options.create)
      throw new Error(`no audit key at ${file}: start the server once, or set LIPTAKO_AUDIT_KEY`, {
        cause: error,
      });
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    // Written whole under a name of its own, then linked into place: a link never overwrites, so of two
    // processes starting at once (two nodes on one host) one key wins and the other process reads it,
    // never a half-written file.
    const draft = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(draft, pem, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, file);
    } catch (linkError) {
      if (!(linkError instanceof Error && 'code' in linkError && linkError.code === 'EEXIST'))
        throw linkError;
      return loadAuditKey(file, { create: false });
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return auditKeyOf(createPrivateKey(pem));
}

export function signWith(key: AuditKey, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, key.privateKey));
}

/** Ed25519 verification of a raw public key; false (never throws) for a malformed key or signature. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
