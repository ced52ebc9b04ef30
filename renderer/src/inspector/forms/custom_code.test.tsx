// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { CodeEditorProps } from '../../code/CodeEditor';
import { configOf, fakeClient, renderBlockForm } from './testing';

// Monaco does not run in jsdom: a textarea stands in for it and shows what the form hands the
// editor (markers and typings), which is what Monaco would display.
vi.mock('../../code/CodeEditor', () => ({
  default: (props: CodeEditorProps) => (
    <div>
      <textarea aria-label="Code" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      <output data-testid="markers">{props.markers.map((m) => `${m.source}@${m.line}:${m.column ?? '-'} ${m.message}`).join('\n')}</output>
      <output data-testid="typings">{props.typings}</output>
    </div>
  ),
}));

afterEach(cleanup);

const timings = { transpileMs: 1, setupMs: 1, encodeMs: 0, runMs: 1, decodeMs: 0, totalMs: 3 };

function client() {
  return fakeClient({
    // The engine derives the declarations (engine/sandbox/typings.ts); here, a visible stand-in.
    'code.typings': ({ sample, batch }) => ({ declarations: sample === undefined ? 'type Input = any;' : `type Input = { ${Object.keys(sample as object).map((k) => `${k}: …;`).join(' ')} }; batch=${batch}` }),
    'code.check': ({ code }) => ({
      error: code.includes('retrun') ? { code: 'code_syntax', message: "';' expected", line: 2, column: 10 } : null,
    }),
    'code.run': ({ code, input }) =>
      code.includes('throw')
        ? { ok: false, output: null, console: [{ level: 'log', text: 'about to fail' }], error: { code: 'code_error', message: 'Error: no lines', line: 3, column: 9 }, timings }
        : { ok: true, output: { count: (input as { lines: unknown[] }).lines.length }, console: [{ level: 'log', text: 'counted' }], error: null, timings },
  });
}

describe('Custom Code form', () => {
  it('runs the code on a pasted sample and shows output and console lines', async () => {
    const c = client();
    const { store, blockId } = renderBlockForm('custom_code', c);
    const code = 'export function run(input: Input) {\n  console.log("counted");\n  return { count: input.lines.length };\n}\n';
    fireEvent.change(await screen.findByLabelText('Code'), { target: { value: code } });
    fireEvent.change(screen.getByTestId('code-sample'), { target: { value: '{"tranId":"PO1","lines":[{"sku":"A"},{"sku":"B"}]}' } });
    // The sample types `input` for completion.
    await waitFor(() => expect(screen.getByTestId('typings').textContent).toContain('tranId: …;'));
    expect(c.callsTo('code.typings').at(-1)).toEqual({ sample: { tranId: 'PO1', lines: [{ sku: 'A' }, { sku: 'B' }] }, batch: false });
    fireEvent.change(screen.getByTestId('field-timeoutMs'), { target: { value: '2000' } });
    fireEvent.click(screen.getByTestId('code-run'));
    expect((await screen.findByTestId('code-console')).textContent).toBe('counted');
    expect(screen.getByTestId('code-output').textContent).toContain('count: 2');
    expect(c.callsTo('code.run')).toEqual([
      { code, language: 'ts', input: { tranId: 'PO1', lines: [{ sku: 'A' }, { sku: 'B' }] }, timeoutMs: 2000, memoryMb: 64, batch: false },
    ]);
    expect(configOf(store, blockId)).toMatchObject({ code, language: 'ts', timeoutMs: 2000 });
  });

  it('marks a syntax error from code.check and a runtime error on its line until the code changes', async () => {
    renderBlockForm('custom_code', client());
    const editor = await screen.findByLabelText('Code');
    fireEvent.change(editor, { target: { value: 'export function run() {\n  retrun 1;\n}\n' } });
    expect((await screen.findByTestId('code-check')).textContent).toBe("';' expected (line 2, column 10)");
    expect(screen.getByTestId('markers').textContent).toBe("syntax@2:10 ';' expected");

    const failing = 'export function run(input) {\n  console.log("about to fail");\n  throw new Error("no lines");\n}\n';
    fireEvent.change(editor, { target: { value: failing } });
    await screen.findByTestId('code-check-ok');
    fireEvent.click(screen.getByTestId('code-run'));
    expect((await screen.findByTestId('code-error')).textContent).toContain('Error: no lines');
    expect(screen.getByTestId('markers').textContent).toBe('runtime@3:9 Error: no lines');
    // Editing the code clears the runtime marker: it no longer describes what is on screen.
    fireEvent.change(editor, { target: { value: `${failing}// edited\n` } });
    await waitFor(() => expect(screen.getByTestId('markers').textContent).toBe(''));
  });

  it('switching to JavaScript swaps an untouched template for one typed with JSDoc, and keeps edited code', async () => {
    const { store, blockId } = renderBlockForm('custom_code', client());
    const editor = (await screen.findByLabelText('Code')) as HTMLTextAreaElement;
    expect(editor.value).toContain('run(input: Input, ctx: Ctx)');
    fireEvent.change(screen.getByTestId('field-language'), { target: { value: 'js' } });
    expect(configOf(store, blockId)).toMatchObject({ language: 'js' });
    expect(String(configOf(store, blockId)?.code)).toContain('/** @param {Input} input @param {Ctx} ctx */\nexport function run(input, ctx)');
    const mine = 'export function run(input) { return 1; }\n';
    fireEvent.change(await screen.findByLabelText('Code'), { target: { value: mine } });
    fireEvent.change(screen.getByTestId('field-language'), { target: { value: 'ts' } });
    expect(configOf(store, blockId)).toMatchObject({ language: 'ts', code: mine });
  });
});
