/**
 * The one way the situation room talks to the server. Sessions are HttpOnly cookies set by
 * POST /api/session; unsafe requests carry the session's CSRF token. Errors become ApiError with
 * the server's code, so screens can show a message in the user's language.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface SessionUser {
  readonly name: string;
  readonly role: 'admin' | 'analyst' | 'liaison' | 'decision-maker' | 'observer';
  readonly party: string | null;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrf: string;
  readonly expires_at?: string;
}

let csrf: string | null = null;
let onUnauthorised: (() => void) | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

export function hasCsrf(): boolean {
  return csrf !== null && csrf !== '';
}

/** Called when the server says the session is gone (expired, revoked, signed out elsewhere). */
export function whenUnauthorised(handler: () => void): void {
  onUnauthorised = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s === '' ? path : `${path}?${s}`;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf !== null) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'offline', 'the server cannot be reached');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const e = (data ?? {}) as { error?: string; message?: string };
    if (response.status === 401 && path !== '/api/session') onUnauthorised?.();
    throw new ApiError(
      response.status,
      e.error ?? `http_${response.status}`,
      e.message ?? response.statusText,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
