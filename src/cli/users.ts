/**
 * `liptako users …`: create users (with a password or not), set passwords, and issue, list and revoke
 * API tokens.
 */
import { parseArgs } from 'node:util';
import { issueApiToken, MAX_TOKEN_DAYS, revokeTokenByPrefix, tokenIsLive } from '../commands/api-tokens.ts';
import { createUser } from '../commands/create-user.ts';
import { setPassword } from '../commands/set-password.ts';
import { ROLES } from '../domain/role.ts';
import { isTokenScope, TOKEN_SCOPES } from '../domain/token-scope.ts';
import type { Store } from '../store/store.ts';
import { cliActor, configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';
import { promptNewPassword, readPasswordFromStdin } from './read-password.ts';

const HELP = `Usage:
  liptako users create --name NAME --role ROLE [--party ISO3] [--password-stdin]
                                 creates a user, prints a first API token (\`add\` is the same);
                                 with --password-stdin, the first line of stdin is their password
  liptako users passwd NAME [--password-stdin]
                                 sets a password (asked twice on a terminal); ends NAME's sessions
  liptako users token --name NAME [--scope read|write] [--label TEXT] [--expires-in-days N]
                                 prints a further API token (scope write unless told)
  liptako users tokens NAME      lists NAME's tokens (prefix, scope, label, dates)
  liptako users revoke-token PREFIX
                                 revokes the one live token whose prefix starts with PREFIX
Roles: ${ROLES.join(', ')} (liaison and decision-maker need --party MLI|BFA|NER)
Passwords: at least 12 characters, not the user name. Scopes: ${TOKEN_SCOPES.join(', ')} (read: GET only).`;

const ACTIONS = ['create', 'add', 'passwd', 'token', 'tokens', 'revoke-token'] as const;
type Action = (typeof ACTIONS)[number];

export async function usersCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...DATABASE_OPTIONS,
      name: { type: 'string' },
      role: { type: 'string' },
      party: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      scope: { type: 'string' },
      label: { type: 'string' },
      'expires-in-days': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [actionText, argument] = positionals;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const action = ACTIONS.find((a) => a === actionText);
  if (action === undefined) throw new UsageError(`expected one of ${ACTIONS.join(', ')}\n${HELP}`);
  // NAME may come as --name or as the argument after the action.
  const name = values.name ?? (action === 'revoke-token' ? undefined : argument);
  if (action === 'revoke-token' && argument === undefined) throw new UsageError(`give the PREFIX\n${HELP}`);
  if (action !== 'revoke-token' && name === undefined)
    throw new UsageError(`--name is required (or NAME after the action)\n${HELP}`);
  const scope = values.scope ?? 'write';
  if (!isTokenScope(scope)) throw new UsageError(`--scope must be one of ${TOKEN_SCOPES.join(', ')}`);
  const days = values['expires-in-days'] === undefined ? null : Number(values['expires-in-days']);
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS))
    throw new UsageError(`--expires-in-days must be a whole number 1–${MAX_TOKEN_DAYS}`);
  if (action === 'create' || action === 'add') {
    if (values.role === undefined) throw new UsageError(`--role is required\n${HELP}`);
  }
  // Read the password before opening the database: a refused prompt leaves nothing open.
  const password =
    action === 'passwd'
      ? values['password-stdin']
        ? await readPasswordFromStdin()
        : await promptNewPassword()
      : (action === 'create' || action === 'add') && values['password-stdin']
        ? await readPasswordFromStdin()
        : undefined;

  const store = await openConfiguredStore(configFrom(values));
  try {
    return await run(store, action, {
      name: name ?? '',
      prefix: argument ?? '',
      role: values.role ?? '',
      party: values.party ?? null,
      password,
      scope,
      label: values.label ?? null,
      days,
    });
  } finally {
    await store.close();
  }
}

async function run(
  store: Store,
  action: Action,
  o: {
    name: string;
    prefix: string;
    role: string;
    party: string | null;
    password: string | undefined;
    scope: 'read' | 'write';
    label: string | null;
    days: number | null;
  },
): Promise<number> {
  const now = new Date();
  switch (action) {
    case 'create':
    case 'add': {
      const result = await createUser(
        store,
        {
          name: o.name,
          role: o.role,
          party: o.party,
          ...(o.password === undefined ? {} : { password: o.password }),
        },
        now,
        cliActor('users'),
      );
      if (!result.ok) {
        console.error(`cannot create the user:\n  - ${result.problems.join('\n  - ')}`);
        return 2;
      }
      const withPassword = o.password === undefined ? '' : ' with a password';
      console.error(
        `created ${result.user.role} "${result.user.name}"${result.user.party ? ` of ${result.user.party}` : ''}${withPassword}; API token (shown once):`,
      );
      console.log(result.token);
      return 0;
    }
    case 'passwd': {
      const result = await setPassword(store, o.name, o.password ?? '', now, cliActor('users'));
      if (!result.ok) {
        console.error(`cannot set the password:\n  - ${result.problems.join('\n  - ')}`);
        return 2;
      }
      console.error(`password of "${o.name}" set; their sessions have ended`);
      return 0;
    }
    case 'token': {
      const user = await store.findUserByName(o.name);
      if (user === null) {
        console.error(`no user named "${o.name}"`);
        return 1;
      }
      const issued = await issueApiToken(store, user.id, now, cliActor('users'), {
        scope: o.scope,
        label: o.label,
        expiresInDays: o.days,
      });
      console.log(issued.secret);
      return 0;
    }
    case 'tokens': {
      const user = await store.findUserByName(o.name);
      if (user === null) {
        console.error(`no user named "${o.name}"`);
        return 1;
      }
      const tokens = await store.listTokens(user.id);
      console.log(['prefix', 'scope', 'state', 'created', 'expires', 'last used', 'label'].join('\t'));
      for (const t of tokens) {
        const state = t.revokedAt !== null ? 'revoked' : tokenIsLive(t, now) ? 'active' : 'expired';
        console.log(
          [
            t.prefix,
            t.scope,
            state,
            t.createdAt,
            t.expiresAt ?? '-',
            t.lastUsedAt ?? '-',
            t.label ?? '',
          ].join('\t'),
        );
      }
      return 0;
    }
    case 'revoke-token': {
      if (o.prefix.length < 6) {
        console.error('give at least 6 characters of the prefix (e.g. lpk_Ab)');
        return 2;
      }
      const result = await revokeTokenByPrefix(store, o.prefix, now, cliActor('users'));
      if (result.ok) {
        console.error(`revoked token ${result.token.prefix}…`);
        return 0;
      }
      if (result.problem === 'none') console.error(`no live token starts with "${o.prefix}"`);
      else
        console.error(
          `${result.matches.length} live tokens start with "${o.prefix}" (${result.matches.map((t) => t.prefix).join(', ')}): give more characters`,
        );
      return 1;
    }
  }
}
