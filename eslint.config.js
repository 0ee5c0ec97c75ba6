// Lint: typescript-eslint's strict rules plus the folder boundaries of docs/ARCHITECTURE.md.
// Dependencies point one way: domain <- store <- commands <- api, cli, ingest.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const sqliteImports = [
  {
    name: 'better-sqlite3',
    message: 'Only src/store/sqlite may import better-sqlite3; use the Store interface.',
  },
];
const postgresImports = [
  { name: 'pg', message: 'Only src/store/postgres may import pg; use the Store interface.' },
  { name: 'pg-cursor', message: 'Only src/store/postgres may import pg-cursor; use the Store interface.' },
];
const driverImports = [
  ...sqliteImports,
  ...postgresImports,
  { name: 'kysely', message: 'Only src/store knows SQL; use the Store interface.' },
];
const nodeBuiltins = {
  group: ['node:*'],
  message: 'The domain is pure: pass time, files and randomness in from the caller.',
};
const layer = (...folders) => folders.map((f) => ({ group: [`**/${f}/**`, `../${f}/*`], message: '' }));
const forbid = (message, ...folders) => layer(...folders).map((p) => ({ ...p, message }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'web/dist/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['web/src/**'], languageOptions: { globals: globals.browser } },
  { files: ['web/static/sw.js'], languageOptions: { globals: globals.serviceworker } },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: [
            nodeBuiltins,
            ...forbid(
              'src/domain imports nothing from the outer layers: move the code into the domain or pass data in.',
              'store',
              'api',
              'cli',
              'ingest',
              'commands',
              'reference',
              'config',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ingest/**', 'src/reference/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: forbid(
            'Ingest and reference data are pure of storage and HTTP: return values to src/commands, which writes them.',
            'store',
            'api',
            'cli',
            'commands',
          ),
        },
      ],
    },
  },
  {
    files: ['src/store/**'],
    ignores: ['src/store/sqlite/**', 'src/store/postgres/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...sqliteImports, ...postgresImports],
          patterns: forbid(
            'The store depends only on the domain: it must not know HTTP, the CLI or use cases.',
            'api',
            'cli',
            'commands',
            'ingest',
          ),
        },
      ],
    },
  },
  {
    files: ['src/store/sqlite/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: postgresImports,
          patterns: forbid(
            'The store depends only on the domain.',
            'api',
            'cli',
            'commands',
            'ingest',
            'postgres',
          ),
        },
      ],
    },
  },
  {
    files: ['src/store/postgres/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sqliteImports,
          patterns: forbid(
            'The store depends only on the domain.',
            'api',
            'cli',
            'commands',
            'ingest',
            'sqlite',
          ),
        },
      ],
    },
  },
  {
    files: ['src/commands/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: forbid('Commands are called by api and cli, never the reverse.', 'api', 'cli'),
        },
      ],
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: forbid('Routes stay thin: call src/commands or the Store interface, not the CLI.', 'cli'),
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: forbid(
            'The CLI is a thin shell over src/commands; it does not reach into HTTP routes.',
            'api/routes',
          ),
        },
      ],
    },
  },
);
