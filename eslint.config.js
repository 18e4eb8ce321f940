// Lint, with the layering rules of ARCHITECTURE.md: shared/ imports nothing of ours and no
// platform; electron/core never imports 'electron'; the renderer reaches the backend only through
// the contract in shared/; only electron/main and electron/preload import 'electron'.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'net', 'crypto', 'url', 'util', 'stream', 'stream/*'];

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', '**/out-*/**', 'dist/**', 'node_modules/**', 'test/e2e/output/**', 'test/output/**', 'docs/**', '.tmp/**', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.{ts,mjs}', 'resources/**/*.ts', 'bin/**/*.mjs', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../electron/*', '../../electron/*', '../renderer/*', '../../renderer/*', '**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing of ours outside shared/.' },
            { group: [...nodeBuiltins, 'electron', 'react', 'react-dom', '@duckdb/*'], message: 'shared/ is pure: no Node, Electron, React or DuckDB.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the core and the Node hosts run under plain Node: never import electron.' }],
          patterns: [{ group: ['**/renderer/**', '../main/*', '../preload/*'], message: 'the core imports shared/ only.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer reaches the backend only through the contract.' }],
          patterns: [
            { group: ['**/electron/**', '@duckdb/*', ...nodeBuiltins], message: 'the renderer imports shared/ only, never the core or Node.' },
          ],
        },
      ],
    },
  },
  {
    // Every string the user reads comes from the message catalogs (shared/i18n): no text literals
    // in JSX, nor in the attributes people read (title, aria-label, placeholder, alt, label).
    files: ['renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'dismissLabel'],
          },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s…·×—–−→←↑↓%▾▸↺]+', '[A-Z_-]+', 'Quarterdeck'] },
        },
      ],
    },
  },
);
