/** `liptako demo load`: loads the synthetic demo dataset (labelled DEMO; not real events). */
import { parseArgs } from 'node:util';
import { loadDemo } from '../commands/load-demo.ts';
import { loadReference } from '../reference/load-reference.ts';
import { configFrom, DATABASE_OPTIONS, openConfiguredStore, UsageError } from './cli-context.ts';

export async function demoCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...DATABASE_OPTIONS, count: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help || positionals[0] !== 'load') {
    if (!values.help) throw new UsageError('usage: liptako demo load [--count N]');
    console.log('Usage: liptako demo load [--count N] [--db PATH | --database-url URL]');
    return 0;
  }
  const count = Number(values.count ?? '3000');
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new UsageError('--count must be 1–1000000');
  const store = await openConfiguredStore(configFrom(values));
  try {
    const n = await loadDemo(store, loadReference(), new Date(), count);
    console.log(`loaded ${n} demo incidents (synthetic, labelled DEMO)`);
    return 0;
  } finally {
    await store.close();
  }
}
