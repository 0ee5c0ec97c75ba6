/** Tokens are stored as their SHA-256: a leaked database does not leak working tokens. */
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
