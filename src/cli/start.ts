/**
 * `liptako start` (what `npm start` runs): creates and migrates the database on first start, creates
 * an admin and loads the demo dataset when the database is empty, then serves.
 */
import { parseArgs } from 'node:util';
import { createUser } from '../commands/create-user.ts';
import { loadDemo } from '../commands/load-demo.ts';
import { CLASSIFICATIONS } from '../domain/classification.ts';
import { loadReference } from '../reference/load-reference.ts';
import { cliActor, configFrom, openConfiguredStore } from './cli-context.ts';
import { SERVE_OPTIONS, serveWith } from './serve.ts';

export async function startCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...SERVE_OPTIONS, 'no-demo': { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: liptako start [--port N] [--host H] [--no-demo] [--db PATH | --database-url URL]');
    return 0;
  }
  const config = configFrom(values);
  const store = await openConfiguredStore(config);
  const now = new Date();
  let token: string | null = null;
  if ((await store.countUsers()) === 0) {
    const created = await createUser(
      store,
      { name: 'admin', role: 'admin', party: null },
      now,
      cliActor('start'),
    );
    if (!created.ok) throw new Error(created.problems.join('; '));
    token = created.token;
  }
  const all = { visibility: { classifications: CLASSIFICATIONS, nationalOf: null } };
  if (!values['no-demo'] && (await store.countIncidents(all)) === 0) {
    const n = await loadDemo(store, loadReference(), now);
    console.log(`Loaded ${n} demo incidents (synthetic, labelled DEMO; not real events).`);
  }
  const address = await serveWith(store, config);
  if (token !== null) {
    console.log(
      `\nFirst start: an admin user "admin" was created. Its API token (shown once, keep it):\n\n  ${token}\n`,
    );
    console.log(
      `Open ${address}/ and sign in with the token ("Avec un jeton"), or: curl -H "Authorization: Bearer ${token}" ${address}/api/incidents`,
    );
    console.log('To sign in with a password instead: npx liptako users passwd admin');
  } else {
    console.log(
      'Get a token: npx liptako users create --name NAME --role analyst   (or: users token --name admin)',
    );
  }
  return 0;
}
