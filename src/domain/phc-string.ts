/**
 * The PHC string format of a password hash (https://github.com/P-H-C/phc-string-format), as the
 * argon2 reference implementation writes it:
 *
 *   $argon2id$v=19$m=19456,t=2,p=1$<salt, base64 without padding>$<hash, base64 without padding>
 *
 * Pure: encode and parse only; computing the hash is src/commands/password-hashing.ts's job. Parsing
 * refuses anything but the canonical form, and bounds every parameter, so that a tampered stored
 * string can neither crash the verifier nor make it spend unbounded memory or time.
 */

export type Argon2Variant = 'argon2id';

export interface Argon2Hash {
  readonly algorithm: Argon2Variant;
  /** Argon2 version: 19 (0x13) is the only one accepted. */
  readonly version: 19;
  /** Memory in KiB. */
  readonly memory: number;
  /** Passes (time cost). */
  readonly passes: number;
  /** Lanes (parallelism). */
  readonly parallelism: number;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

export type PhcParse = { ok: true; value: Argon2Hash } | { ok: false; problem: string };

/** Bounds a stored string must stay within (far above what we write: m=19456, t=2, p=1, 16/32 bytes). */
export const PHC_LIMITS = {
  maxMemoryKiB: 1024 * 1024,
  maxPasses: 16,
  maxParallelism: 16,
  minSaltBytes: 8,
  maxSaltBytes: 64,
  minHashBytes: 16,
  maxHashBytes: 64,
} as const;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without padding (the PHC "B64" encoding). */
export function encodeB64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k += 1) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes PHC B64; null for a character outside the alphabet, padding, or non-canonical trailing bits. */
export function decodeB64(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o] = (value >> bits) & 0xff;
      o += 1;
    }
    value &= (1 << bits) - 1;
  }
  // Leftover bits must be zero, or two strings would decode to the same bytes.
  if (value !== 0) return null;
  return out;
}

export function encodePhc(h: Argon2Hash): string {
  return `$${h.algorithm}$v=${h.version}$m=${h.memory},t=${h.passes},p=${h.parallelism}$${encodeB64(h.salt)}$${encodeB64(h.hash)}`;
}

const DECIMAL = /^(0|[1-9][0-9]{0,9})$/;

function parameter(text: string, name: string, min: number, max: number): number | string {
  const m = new RegExp(`^${name}=(.*)$`).exec(text);
  if (m === null || m[1] === undefined) return `expected ${name}=<number>`;
  if (!DECIMAL.test(m[1])) return `${name} is not a decimal number`;
  const n = Number(m[1]);
  if (n < min || n > max) return `${name} must be ${min}–${max}`;
  return n;
}

/** Parses a stored argon2id PHC string; the problem says what is wrong, never the secret parts. */
export function parsePhc(text: string): PhcParse {
  const fail = (problem: string): PhcParse => ({ ok: false, problem });
  if (text.length > 512) return fail('too long');
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== '') return fail('expected $argon2id$v=19$m=…,t=…,p=…$salt$hash');
  const [, algorithm, versionText, paramText, saltText, hashText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (algorithm !== 'argon2id') return fail(`unsupported algorithm "${algorithm.slice(0, 20)}"`);
  if (versionText !== 'v=19') return fail('unsupported version (expected v=19)');
  const params = paramText.split(',');
  if (params.length !== 3) return fail('expected the parameters m, t and p, in this order');
  const L = PHC_LIMITS;
  const parallelism = parameter(params[2] ?? '', 'p', 1, L.maxParallelism);
  if (typeof parallelism === 'string') return fail(parallelism);
  // RFC 9106 §3.1: at least 8 KiB per lane.
  const memory = parameter(params[0] ?? '', 'm', 8 * parallelism, L.maxMemoryKiB);
  if (typeof memory === 'string') return fail(memory);
  const passes = parameter(params[1] ?? '', 't', 1, L.maxPasses);
  if (typeof passes === 'string') return fail(passes);
  const salt = decodeB64(saltText);
  if (salt === null) return fail('salt is not unpadded base64');
  if (salt.length < L.minSaltBytes || salt.length > L.maxSaltBytes)
    return fail(`salt must be ${L.minSaltBytes}–${L.maxSaltBytes} bytes`);
  const hash = decodeB64(hashText);
  if (hash === null) return fail('hash is not unpadded base64');
  if (hash.length < L.minHashBytes || hash.length > L.maxHashBytes)
    return fail(`hash must be ${L.minHashBytes}–${L.maxHashBytes} bytes`);
  return { ok: true, value: { algorithm, version: 19, memory, passes, parallelism, salt, hash } };
}
