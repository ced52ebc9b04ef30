import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { inputTypings, typeOfSample } from './typings';

/** Type-checks `code` against the declarations the editor would load; returns the error texts. */
function typeErrors(declarations: string, code: string): string[] {
  const files = new Map([
    ['/typings.d.ts', declarations],
    ['/code.ts', code],
  ]);
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? read(name);
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const text = files.get(name);
    return text === undefined ? getSource(name, version) : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram(['/typings.d.ts', '/code.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const orders = [
  { tranId: 'PO1', vendor: { name: 'Acme', email: 'a@x' }, lines: [{ sku: 'A', qty: 2, rate: 1.5 }], memo: null },
  { tranId: 'PO2', vendor: { name: 'Beta' }, lines: [], memo: 'rush', 'Full Name': 'Jane Doe' },
];

describe('typings', () => {
  it('derives a type from a sample, merging array elements', () => {
    expect(typeOfSample({ a: 1, b: [true, 'x'], c: [] })).toBe('{\n  a: number;\n  b: (boolean | string)[];\n  c: unknown[];\n}');
    expect(typeOfSample(orders)).toContain('email?: string;');
    expect(typeOfSample(orders)).toContain('memo: null | string;');
    expect(typeOfSample(orders)).toContain('"Full Name"?: string;');
  });

  it('lets code that uses the sample’s fields type-check, and flags a misspelt one', () => {
    const declarations = inputTypings(orders);
    const good = 'export function run(input: Input, ctx: Ctx) {\n  ctx.log(ctx.mode, ctx.installation?.customerName);\n  return input.map((o) => ({ id: o.tranId, n: o.lines.reduce((s, l) => s + l.qty * l.rate, 0), who: o.vendor.email ?? "" }));\n}\n';
    expect(typeErrors(declarations, good)).toEqual([]);
    const bad = 'export function run(input: Input) {\n  return input.map((o) => o.tranID);\n}\n';
    expect(typeErrors(declarations, bad).join('\n')).toMatch(/tranID/);
  }, 60_000);

  it('types one record in batch mode', () => {
    const declarations = inputTypings(orders, { batch: true });
    expect(typeErrors(declarations, 'export function run(input: Input, ctx: Ctx, i: number) {\n  return { id: input.tranId, i, at: index };\n}\n')).toEqual([]);
  }, 60_000);

  it('survives odd samples', () => {
    expect(inputTypings(undefined)).toContain('type Input = null;');
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expect(inputTypings(deep)).toContain('unknown');
  });
});
