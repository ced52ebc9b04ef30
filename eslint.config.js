// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rules of DESIGN.md ("folders are runtimes") are enforced here; test/lint proves a
// forbidden import fails.
// Bare builtin names are matched exactly (`paths`), so a local './events' is not mistaken for one.
const pureMessage = 'engine/api and engine/model are pure: no Node modules (they are shared with the renderer).';
const bareBuiltins = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'url', 'stream', 'util', 'buffer', 'events', 'timers', 'timers/promises', 'better-sqlite3', 'isolated-vm'].map((name) => ({ name, message: pureMessage }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tsbuild/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly', performance: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', '**/electron/**', '../electron', '../../electron'], message: 'The engine never imports Electron: hosts adapt the engine, not the reverse.' },
          { group: ['**/renderer/**', '**/renderer'], message: 'The engine never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['engine/api/**/*.ts', 'engine/model/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: bareBuiltins,
        patterns: [
          { group: ['node:*'], message: pureMessage },
          { group: ['**/storage/**', '**/runtime/**', '**/host/**', '**/sandbox/**', '**/connectors/**'], message: 'engine/api and engine/model are pure: no I/O layers.' },
          { group: ['electron', 'electron/*', '**/electron/**', '**/renderer/**'], message: 'The engine never imports Electron or the renderer.' },
        ],
      }],
    },
  },
  {
    // engine/shared: pure code the renderer also runs (paths, transform chains, template
    // references, block traits). It imports nothing from the rest of the engine.
    files: ['engine/shared/**/*.ts'],
    ignores: ['engine/shared/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: bareBuiltins,
        patterns: [
          { group: ['node:*'], message: pureMessage },
          { group: ['../*', '../**'], message: 'engine/shared imports nothing from the rest of the engine: the renderer runs it too.' },
          { group: ['electron', 'electron/*', '**/renderer/**'], message: 'The engine never imports Electron or the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', sessionStorage: 'readonly', localStorage: 'readonly', EventSource: 'readonly', HTMLElement: 'readonly', KeyboardEvent: 'readonly', self: 'readonly', Worker: 'readonly' } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)engine(/(?!shared/)|$)', allowTypeImports: true, message: 'The renderer imports only types from the engine (and values from engine/shared); talk to the engine through the client.' },
          { group: ['node:*', 'electron', 'better-sqlite3', 'isolated-vm'], message: 'The renderer runs in a browser sandbox: no Node or Electron modules.' },
        ],
      }],
    },
  },
);
