/**
 * What an API token may do. Kept to two scopes: `read` tokens may only call safe methods (GET, HEAD,
 * OPTIONS); `write` tokens may call everything the user's role allows. A session made from a token
 * keeps the token's scope.
 */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Methods that change nothing: no CSRF token, and allowed to read-scoped tokens. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

export function scopeAllows(scope: TokenScope, method: string): boolean {
  return scope === 'write' || isSafeMethod(method);
}
