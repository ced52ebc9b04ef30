import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

// Monaco from the app's own bundle, never a CDN: the loader is handed the imported module (the
// editor with JavaScript and TypeScript only, not every language Monaco ships), and
// the language workers are Vite worker chunks served from 'self' (the CSP allows worker-src
// 'self' blob:). Imported only by the lazily loaded editor, so the canvas never waits for it.

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

// The sandbox is plain ECMAScript: no DOM, no Node. Offering only ES lib typings keeps
// completion honest about what exists inside the isolate.
const compilerOptions = {
  target: typescript.ScriptTarget.ES2020,
  module: typescript.ModuleKind.ESNext,
  lib: ['es2022'],
  allowNonTsExtensions: true,
  strict: true,
  noEmit: true,
};
typescript.typescriptDefaults.setCompilerOptions(compilerOptions);
typescript.javascriptDefaults.setCompilerOptions({ ...compilerOptions, allowJs: true, checkJs: true });

const EXTRA_LIB = 'file:///patchbay/custom-code-globals.d.ts';

/** The sandbox captures console output into the step's journal (engine/sandbox/console-capture.ts). */
const SANDBOX_GLOBALS = `interface Console {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}
declare const console: Console;
`;

/** Declarations for `Input`, `input` and `ctx`, shared by the TypeScript and JavaScript editors. */
export function setCodeTypings(declarations: string): void {
  const libs = [{ content: `${declarations}\n${SANDBOX_GLOBALS}`, filePath: EXTRA_LIB }];
  typescript.typescriptDefaults.setExtraLibs(libs);
  typescript.javascriptDefaults.setExtraLibs(libs);
}

export { monaco };
