/** Schemas of /api/me/tokens: a user's own API tokens. */
import { Type } from 'typebox';
import { MAX_TOKEN_DAYS } from '../../../commands/api-tokens.ts';
import { TOKEN_SCOPES } from '../../../domain/token-scope.ts';
import { Nullable } from '../../nullable.ts';

export const TokenSchema = Type.Object({
  id: Type.Integer(),
  prefix: Type.String({ description: 'the first characters of the secret, to tell tokens apart' }),
  label: Nullable(Type.String()),
  scope: Type.Enum(TOKEN_SCOPES),
  created_at: Type.String(),
  expires_at: Nullable(Type.String()),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
  active: Type.Boolean({ description: 'neither revoked nor expired' }),
});

export const NewTokenBody = Type.Object(
  {
    scope: Type.Enum(TOKEN_SCOPES, { description: 'read: GET only; write: everything your role may do' }),
    label: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    expires_in_days: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS }))),
  },
  { additionalProperties: false },
);

export const IssuedTokenSchema = Type.Object({
  ...TokenSchema.properties,
  token: Type.String({ description: 'the secret: shown this once, never again' }),
});
