/**
 * An in-process API on a real store, with one signed-in user per role and party, for route tests.
 */
import type { FastifyInstance } from 'fastify';
import { createApp, type AppOptions, type RegisteredRoute } from '../../src/api/create-app.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import type { TestStore } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';

export const USERS = {
  admin: { role: 'admin', party: null },
  analyst: { role: 'analyst', party: null },
  liaisonBfa: { role: 'liaison', party: 'BFA' },
  liaisonMli: { role: 'liaison', party: 'MLI' },
  deciderNer: { role: 'decision-maker', party: 'NER' },
  deciderMli: { role: 'decision-maker', party: 'MLI' },
  deciderBfa: { role: 'decision-maker', party: 'BFA' },
  observer: { role: 'observer', party: null },
} as const;
export type UserName = keyof typeof USERS;

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly db: TestStore;
  /** Headers that sign in as one of USERS. */
  as(user: UserName): { authorization: string };
  close(): Promise<void>;
}

export async function openApi(
  db: TestStore,
  options: {
    publicRead?: boolean;
    bodyLimit?: number;
    now?: () => Date;
    secureCookies?: 'auto' | 'always' | 'never';
    trustProxy?: boolean;
    webRoot?: string;
    onRoute?: (route: RegisteredRoute) => void;
    alerts?: AppOptions['alerts'];
  } = {},
): Promise<ApiHarness> {
  const tokens = new Map<UserName, string>();
  for (const [name, u] of Object.entries(USERS) as [UserName, (typeof USERS)[UserName]][]) {
    const created = await createUser(
      db.store,
      { name, role: u.role, party: u.party },
      new Date('2024-06-01T00:00:00Z'),
      TEST_ACTOR,
    );
    if (!created.ok) throw new Error(created.problems.join('; '));
    tokens.set(name, created.token);
  }
  const app = await createApp({
    store: db.store,
    reference: loadReference(),
    publicRead: options.publicRead ?? false,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.secureCookies === undefined ? {} : { secureCookies: options.secureCookies }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    ...(options.onRoute === undefined ? {} : { onRoute: options.onRoute }),
    ...(options.alerts === undefined ? {} : { alerts: options.alerts }),
    now: options.now ?? (() => new Date('2024-06-01T12:00:00Z')),
  });
  return {
    app,
    db,
    as: (user) => ({ authorization: `Bearer ${tokens.get(user) ?? ''}` }),
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
