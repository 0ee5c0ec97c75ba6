/**
 * A PostgreSQL URL with a user name. libpq (psql) falls back to PGUSER, then the operating-system user,
 * when the URL names none; pg falls back to $USER only, and to nothing when it is unset, as it is in
 * service managers and CI. This gives pg libpq's fallback.
 */
import { userInfo } from 'node:os';

export function connectionUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.username !== '') return databaseUrl;
  url.username = encodeURIComponent(process.env['PGUSER'] ?? process.env['USER'] ?? userInfo().username);
  return url.toString();
}
