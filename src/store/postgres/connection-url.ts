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

/**
 * The one schema a URL's libpq `options` put first on the search path
 * (`?options=-c%20search_path%3Dliptako`), so that the store creates it and keeps its migration tables
 * there; undefined when the URL names none or several.
 */
export function searchPathSchema(databaseUrl: string): string | undefined {
  const options = new URL(databaseUrl).searchParams.get('options');
  if (options === null) return undefined;
  const value = /(?:^|\s)(?:-c\s*|--)search_path=(\S+)/.exec(options)?.[1];
  return value !== undefined && /^[a-z_][a-z0-9_]{0,62}$/.test(value) ? value : undefined;
}
