/** Schemas of /api/session: sign-in, the signed-in session, sign-out. */
import { Type } from 'typebox';
import { MAX_PASSWORD_LENGTH } from '../../../domain/password-policy.ts';
import { Nullable } from '../../nullable.ts';

export const SignInBody = Type.Object(
  {
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })),
    token: Type.Optional(
      Type.String({
        minLength: 16,
        maxLength: 200,
        description: 'an API token, instead of name and password',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'either `username` and `password`, or `token`',
  },
);

export const SessionSchema = Type.Object({
  user: Type.Object({ name: Type.String(), role: Type.String(), party: Nullable(Type.String()) }),
  csrf: Type.String({ description: 'send it as X-CSRF-Token with every POST, PUT, PATCH or DELETE' }),
  expires_at: Type.String({ description: 'when the session ends without further requests (ISO 8601)' }),
  scope: Type.String({ description: 'write, or read when signed in with a read-scoped token' }),
});
