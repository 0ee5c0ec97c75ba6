/**
 * Password hashing with argon2id (RFC 9106) from Node's own crypto (node:crypto `argon2`, Node ≥ 24.7),
 * at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane, a 16-byte random salt and a
 * 32-byte tag. Hashes are stored as PHC strings (domain/phc-string.ts), so that the parameters can be
 * raised later and old hashes still verify with their own. Verification compares in constant time.
 */
import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto';
import { encodePhc, parsePhc, type Argon2Hash } from '../domain/phc-string.ts';

export const ARGON2_PARAMETERS = { memory: 19 * 1024, passes: 2, parallelism: 1 } as const;
const SALT_BYTES = 16;
const TAG_BYTES = 32;

function derive(password: string, h: Omit<Argon2Hash, 'hash' | 'algorithm' | 'version'>, tagLength: number) {
  const parameters: Argon2Parameters = {
    message: Buffer.from(password.normalize('NFC'), 'utf8'),
    nonce: h.salt,
    memory: h.memory,
    passes: h.passes,
    parallelism: h.parallelism,
    tagLength,
  };
  // Asynchronous: the work runs on libuv's thread pool, not on the event loop.
  return new Promise<Buffer>((resolve, reject) => {
    argon2('argon2id', parameters, (err, key) => (err === null ? resolve(key) : reject(err)));
  });
}

/** A new PHC string for the password, with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, { ...ARGON2_PARAMETERS, salt }, TAG_BYTES);
  return encodePhc({ algorithm: 'argon2id', version: 19, ...ARGON2_PARAMETERS, salt, hash });
}

/**
 * Whether the password matches the stored PHC string. False, never an exception, for a malformed
 * string: a corrupt row must not tell an attacker more than a wrong password does.
 */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const parsed = parsePhc(phc);
  if (!parsed.ok) return false;
  const stored = parsed.value;
  const computed = await derive(password, stored, stored.hash.length);
  return computed.length === stored.hash.length && timingSafeEqual(computed, stored.hash);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password with the current parameters: sign-in verifies against it when the user
 * is unknown or has no password, so that the answer takes as long as for a real user.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}
