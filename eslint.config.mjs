// Lint rules that keep the arrows of the house pointing one way (README, "How the code is laid
// out"): shared/ is pure domain code; server/ and addin/ may import it, never each other; and no
// module imports itself back through others (an import cycle fails `npm test`).
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process',
  'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Cycles through type-only imports count too: they tie the modules' meaning together all the same.
    files: ['shared/**/*.ts', 'server/**/*.ts', 'addin/**/*.ts', 'addin/**/*.tsx', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no node built-ins.' })),
          ...['express', 'exceljs', 'better-sqlite3', 'pg', 'kysely', 'yauzl', 'saxes', 'jose', 'pino',
            '@azure/msal-node', '@azure/msal-browser'].map((name) => ({
            name, message: 'shared/ is pure: no server, database or Office libraries.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'shared/ is pure: no node built-ins.' },
          { group: ['**/server/**', '**/addin/**', '../server', '../addin'], message: 'shared/ never imports the server or the add-in.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'shared/ is pure: no node globals.' },
        { name: 'Buffer', message: 'shared/ is pure: no node globals.' },
        { name: 'require', message: 'shared/ is pure: no node globals.' },
        { name: '__dirname', message: 'shared/ is pure: no node globals.' },
        { name: 'Office', message: 'shared/ is pure: Office lives behind the add-in adapter.' },
        { name: 'Excel', message: 'shared/ is pure: Excel lives behind the add-in adapter.' },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/addin/**', '../addin'], message: 'The server never imports the add-in.' }] }],
    },
  },
  {
    files: ['addin/**/*.ts', 'addin/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '../server'], message: 'The add-in never imports the server.' }] }],
    },
  },
);
