import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (ARCHITECTURE.md): core knows nothing of HTTP; nothing imports the CLI (the
// `eksid` package); the agent and webhook never load the server, and reach core only through
// its light door; e2e suites and examples use packages as users do, through their doors.
const CLI_MESSAGE = 'nothing imports the CLI: the composition root is @eksid/server\'s startEksidServer.';
const NO_CLI_FILES = { group: ['**/cli/src/**', '**/cli/src'], message: CLI_MESSAGE };
const NO_CLI_PACKAGE = { name: 'eksid', message: CLI_MESSAGE };
const restrict = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.eksid/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: restrict(
      [{ group: ['express', 'node:http', 'node:https', '@kubernetes/*', '@eksid/*'], message: 'core knows nothing of HTTP, Kubernetes or the packages built on it.' }, NO_CLI_FILES],
      [NO_CLI_PACKAGE],
    ),
  },
  {
    files: ['packages/server/src/**/*.ts', 'packages/testcontainers/src/**/*.ts'],
    rules: restrict([NO_CLI_FILES], [NO_CLI_PACKAGE]),
  },
  {
    files: ['packages/agent/src/**/*.ts', 'packages/webhook/src/**/*.ts', 'packages/webhook/test/**/*.ts', 'packages/testcontainers/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test/**', '**/testing/**'],
    rules: restrict(
      [NO_CLI_FILES, { group: ['@eksid/server', '**/server/src/**'], message: 'the agent and webhook run apart from the server and never load it.' }],
      [NO_CLI_PACKAGE, { name: '@eksid/core', message: 'use @eksid/core/audit-client or @eksid/core/admin-token: core\'s main door loads the SQLite store, a native addon these processes never use.' }],
    ),
  },
  {
    files: ['e2e/**/*.ts', 'examples/**/*.ts'],
    rules: restrict([{ group: ['**/packages/*/src/**', '**/packages/*/src'], message: 'e2e suites and examples use a package through its door (@eksid/…, eksid).' }]),
  },
  {
    files: ['*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
