/**
 * `liptako`: a thin shell over src/commands. One file per command; this one only dispatches.
 * Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { auditCommand } from './audit.ts';
import { charterCommand } from './charter.ts';
import { UsageError } from './cli-context.ts';
import { demoCommand } from './demo.ts';
import { extractCommand } from './extract.ts';
import { importCommand } from './import.ts';
import { importCapCommand } from './import-cap.ts';
import { ingestCommand } from './ingest.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { surgesCommand } from './surges.ts';
import { usersCommand } from './users.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  start: {
    run: startCommand,
    summary: 'first start: migrate, create an admin and demo data if empty, then serve',
  },
  serve: { run: serveCommand, summary: 'serve the API and web pages [--port N] [--host H]' },
  import: { run: importCommand, summary: 'import acled|ucdp FILE.csv [--classification C] [--status S]' },
  'import-cap': {
    run: importCapCommand,
    summary: "import-cap FILE.xml: a partner's CAP 1.2 alerts (an <alert> or a feed) → reports",
  },
  users: {
    run: usersCommand,
    summary: 'users create|passwd|token|tokens|revoke-token: users, passwords, API tokens',
  },
  demo: { run: demoCommand, summary: 'demo load: load the synthetic demo dataset (labelled DEMO)' },
  ingest: {
    run: ingestCommand,
    summary: 'ingest FILE.jsonl [--source NAME] [--classification C]: reports → incidents',
  },
  extract: { run: extractCommand, summary: 'extract [INPUT.jsonl|-] [--out OUTPUT.jsonl]: text → incidents' },
  charter: {
    run: charterCommand,
    summary: 'charter evaluate [INCIDENT.json|-] [--treaty ID] [--as-of DAY] | charter tick [--at INSTANT]',
  },
  surges: {
    run: surgesCommand,
    summary: 'surges detect [--on DAY] | surges list [--all]: early warning, surges of violence per admin-1',
  },
  audit: {
    run: auditCommand,
    summary: 'audit checkpoint | export [--out FILE] | verify | proof SEQ | verify-proof FILE --key KEY',
  },
};

export const USAGE = `Usage: liptako <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Commands that use the database take --db PATH (SQLite file; env LIPTAKO_DB; default ./data/liptako.sqlite)
or --database-url URL (PostgreSQL; env DATABASE_URL; a schema of its own with
?options=-c%20search_path%3DNAME in the URL, created when missing).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) {
      console.error(USAGE);
      return 2;
    }
    console.log(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`liptako: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`liptako ${name}: ${err.message}`);
      return 2;
    }
    console.error(`liptako ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// A server keeps running; everything else ends here with its code.
if (code !== 0 || !['serve', 'start'].includes(process.argv[2] ?? '')) process.exit(code);
