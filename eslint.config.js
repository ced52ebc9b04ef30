// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer rules of DESIGN.md ("folders are runtimes") are enforced here; test/lint proves a
// forbidden import fails.
// Bare builtin names are matched exactly (`paths`), so a local './events' is not mistaken for one.
const pureMessage = 'engine/shared, engine/errors, engine/model and engine/api are pure: no Node modules (the renderer uses them).';
const bareBuiltins = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'url', 'stream', 'util', 'buffer', 'events', 'timers', 'timers/promises', 'better-sqlite3', 'isolated-vm'].map((name) => ({ name, message: pureMessage }));

const notElectronOrRenderer = [
  { group: ['electron', 'electron/*', '**/electron/**', '../electron', '../../electron'], message: 'The engine never imports Electron: hosts adapt the engine, not the reverse.' },
  { group: ['**/renderer/**', '**/renderer'], message: 'The engine never imports the renderer.' },
];

// Layers inside the engine, lowest first (ARCHITECTURE.md). A folder imports only folders of
// its own layer or below; test files may also import engine/testing.
const layers = [
  ['shared'],
  ['errors'],
  ['model', 'mapping'],
  ['api'],
  ['sandbox', 'connectors', 'secrets', 'storage', 'simulators'],
  ['runtime'],
  ['connections', 'installations', 'bundle', 'templates', 'publish'],
  ['host'],
];
const pureFolders = new Set(['shared', 'errors', 'model', 'api']);

function engineLayers() {
  const configs = [{ files: ['engine/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: notElectronOrRenderer }] } }];
  layers.forEach((layer, level) => {
    const above = layers.slice(level + 1).flat();
    for (const folder of layer) {
      const patterns = [...notElectronOrRenderer];
      const forbidden = [...above, 'testing'];
      patterns.push({ group: forbidden.flatMap((f) => [`**/${f}/**`, `../${f}`, `../../${f}`]), message: `engine/${folder} sits below ${above.join(', ') || 'nothing'} (ARCHITECTURE.md): it may not import them, nor engine/testing.` });
      if (folder === 'shared') patterns.push({ group: ['../*', '../**'], message: 'engine/shared imports nothing from the rest of the engine: the renderer runs it too.' });
      if (pureFolders.has(folder)) patterns.push({ group: ['node:*'], message: pureMessage });
      configs.push({
        files: [`engine/${folder}/**/*.ts`],
        ignores: ['engine/**/*.test.ts'],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', pureFolders.has(folder) ? { paths: bareBuiltins, patterns } : { patterns }] },
      });
    }
  });
  return configs;
}

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
  ...engineLayers(),
  {
    // The repositories are async (Kysely over SQLite and PostgreSQL): a Promise used as if it were
    // its value (`if (repo.get(id))`) or dropped unawaited is a bug the compiler does not catch.
    files: ['engine/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
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
