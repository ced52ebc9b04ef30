import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules must actually bite: each forbidden import below is reported, and the
// allowed form next to it is not.
// The files linted here exist only in memory, outside the TypeScript project, so the type-aware
// rules (which need the project) are turned off for them; the import rules need no types.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('refuses Electron inside the engine', async () => {
    expect(await messagesFor(`import { app } from 'electron';\nexport const x = app;\n`, 'engine/runtime/bad.ts')).toHaveLength(1);
  });

  it('refuses node: modules in engine/model and engine/api, allows them in engine/storage', async () => {
    const code = `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`;
    expect(await messagesFor(code, 'engine/model/bad.ts')).toHaveLength(1);
    expect(await messagesFor(code, 'engine/api/bad.ts')).toHaveLength(1);
    expect(await messagesFor(code, 'engine/storage/fine.ts')).toHaveLength(0);
  });

  it('lets the renderer import types, not values, from the engine', async () => {
    expect(await messagesFor(`import { methods } from '../../engine/api';\nexport const m = methods;\n`, 'renderer/src/bad.ts')).toHaveLength(1);
    expect(await messagesFor(`import type { RunRecord } from '../../engine/api';\nexport type R = RunRecord;\n`, 'renderer/src/fine.ts')).toHaveLength(0);
  });

  it('lets the renderer import values from engine/shared only, and keeps engine/shared self-contained', async () => {
    expect(await messagesFor(`import { parsePath } from '../../engine/shared/path';\nexport const p = parsePath;\n`, 'renderer/src/fine.ts')).toHaveLength(0);
    expect(await messagesFor(`import { blockCatalog } from '../../engine/runtime/blocks/registry';\nexport const c = blockCatalog;\n`, 'renderer/src/bad.ts')).toHaveLength(1);
    expect((await messagesFor(`import { methods } from '../api';\nexport const m = methods;\n`, 'engine/shared/bad.ts')).some((m) => /imports nothing from the rest/.test(m))).toBe(true);
    expect(await messagesFor(`import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`, 'engine/shared/bad.ts')).toHaveLength(1);
    expect(await messagesFor(`import { parsePath } from './path';\nexport const p = parsePath;\n`, 'engine/shared/fine.ts')).toHaveLength(0);
  });

  it('keeps the engine\'s layers in order: a folder never imports a higher layer or test support', async () => {
    const imp = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;
    expect(await messagesFor(imp('../../connections/store'), 'engine/runtime/blocks/bad.ts')).toHaveLength(1);
    expect(await messagesFor(imp('../runtime/services'), 'engine/sandbox/bad.ts')).toHaveLength(1);
    expect(await messagesFor(imp('../host/engine'), 'engine/storage/bad.ts')).toHaveLength(1);
    expect(await messagesFor(imp('../runtime/run-loop'), 'engine/model/bad.ts')).toHaveLength(1);
    expect(await messagesFor(imp('../testing/temp-engine'), 'engine/installations/bad.ts')).toHaveLength(1);
    expect(await messagesFor(imp('../testing/temp-engine'), 'engine/installations/fine.test.ts')).toHaveLength(0);
    expect(await messagesFor(imp('../runtime/blocks/registry'), 'engine/installations/fine.ts')).toHaveLength(0);
    expect(await messagesFor(imp('../connectors/registry'), 'engine/runtime/fine.ts')).toHaveLength(0);
  });

  it('keeps engine/model and engine/mapping below the contract: they take errors from engine/errors, never anything from engine/api', async () => {
    expect(await messagesFor(`import { methods } from '../api/contract';\nexport const m = methods;\n`, 'engine/mapping/bad.ts')).toHaveLength(1);
    expect(await messagesFor(`import type { ValidationIssue } from '../api/records';\nexport type V = ValidationIssue;\n`, 'engine/model/bad.ts')).toHaveLength(1);
    expect(await messagesFor(`import { PatchbayError } from '../errors/patchbay-error';\nexport const e = PatchbayError;\n`, 'engine/model/fine.ts')).toHaveLength(0);
    expect(await messagesFor(`import { mergeWorkflows } from '../model/merge';\nexport const m = mergeWorkflows;\n`, 'engine/api/fine.ts')).toHaveLength(0);
    // The error table is the bottom of the engine: it may not reach up into the layers that throw.
    expect(await messagesFor(`import { workflowDocSchema } from '../model/workflow';\nexport const w = workflowDocSchema;\n`, 'engine/errors/bad.ts')).toHaveLength(1);
    expect(await messagesFor(`import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`, 'engine/errors/bad.ts')).toHaveLength(1);
  });
});
