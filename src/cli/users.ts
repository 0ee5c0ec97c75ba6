/** `liptako users create --name NAME --role ROLE [--party ISO3]` and `users token --name NAME`. */
import { parseArgs } from 'node:util';
import { createUser, issueToken } from '../commands/create-user.ts';
import { ROLES } from '../domain/role.ts';
import { cliActor, configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

const HELP = `Usage:
  liptako users create --name NAME --role ROLE [--party ISO3]   prints the new user's API token
  liptako users token --name NAME                             prints a further token for a user
Roles: ${ROLES.join(', ')} (liaison and decision-maker need --party MLI|BFA|NER)`;

export async function usersCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...DATABASE_OPTIONS,
      name: { type: 'string' },
      role: { type: 'string' },
      party: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [action] = positionals;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (action !== 'create' && action !== 'token')
    throw new UsageError(`expected "create" or "token"\n${HELP}`);
  if (values.name === undefined) throw new UsageError(`--name is required\n${HELP}`);
  const store = await openConfiguredStore(configFrom(values));
  try {
    if (action === 'token') {
      const user = await store.findUserByName(values.name);
      if (user === null) {
        console.error(`no user named "${values.name}"`);
        return 1;
      }
      console.log(await issueToken(store, user.id, new Date(), cliActor('users')));
      return 0;
    }
    if (values.role === undefined) throw new UsageError(`--role is required\n${HELP}`);
    const result = await createUser(
      store,
      { name: values.name, role: values.role, party: values.party ?? null },
      new Date(),
      cliActor('users'),
    );
    if (!result.ok) {
      console.error(`cannot create the user:\n  - ${result.problems.join('\n  - ')}`);
      return 2;
    }
    console.error(
      `created ${result.user.role} "${result.user.name}"${result.user.party ? ` of ${result.user.party}` : ''}; API token (shown once):`,
    );
    console.log(result.token);
    return 0;
  } finally {
    await store.close();
  }
}
