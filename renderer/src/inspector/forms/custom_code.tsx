import { lazy, Suspense, useMemo, useState } from 'react';
import type { MethodResult } from '../../../../engine/api';
import { errorMessage } from '../../client';
import { useClient } from '../../client/context';
import type { CodeMarker } from '../../code/CodeEditor';
import { lastSampleFor } from '../../code/lastSample';
import { RunResult } from '../../code/RunResult';
import { codeForLanguage } from '../../../../engine/shared/code-templates';
import { parseSample } from '../../mapper/sample';
import { useDebouncedQuery } from '../../mapper/useEngineQuery';
import { useWorkflow } from '../../store/context';
import { NumberField, TextField } from '../fields';
import { fieldIssues, num, str, type FormProps } from '../types';
import '../../code/code.css';

// Monaco is large: it loads when a Custom Code block is first opened, not with the canvas.
const CodeEditor = lazy(() => import('../../code/CodeEditor'));

// The pasted sample survives switching blocks (per block, for this tab).
const samples = new Map<string, string>();

export function CustomCodeForm({ block, config, update, issues }: FormProps) {
  const client = useClient();
  const code = str(config.code);
  const language = config.language === 'js' ? 'js' : 'ts';
  const batch = config.batch === true;
  const timeoutMs = num(config.timeoutMs, 5000);
  const memoryMb = num(config.memoryMb, 64);
  const run = useWorkflow((s) => s.run);
  const doc = useWorkflow((s) => s.doc);
  const last = useMemo(() => lastSampleFor(run, doc, block.id), [run, doc, block.id]);
  const [sampleText, setSampleTextState] = useState(() => samples.get(block.id) ?? (last ? JSON.stringify(last.value, null, 2) : ''));
  const setSampleText = (t: string) => {
    samples.set(block.id, t);
    setSampleTextState(t);
  };
  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  // Completion follows the pasted sample, or else what the last run gave this block; the engine
  // derives the declarations (engine/sandbox/typings.ts), so editor and sandbox agree.
  const typingSample = sample.ok ? sample.value : last ? last.value : undefined;
  const typingsKey = useMemo(() => JSON.stringify({ s: typingSample ?? null, has: typingSample !== undefined, batch }), [typingSample, batch]);
  const typingsQuery = useDebouncedQuery(typingsKey, () => client.call('code.typings', typingSample === undefined ? { batch } : { sample: typingSample, batch }), 250);
  const typings = typingsQuery.data?.declarations ?? '';
  const [wide, setWide] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ code: string; language: string; value: MethodResult<'code.run'> } | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  const check = useDebouncedQuery(`${language}\n${code}`, () => client.call('code.check', { code, language }), 400);
  const checkError = check.data?.error ?? null;
  const markers = useMemo(() => {
    const out: CodeMarker[] = [];
    if (checkError && checkError.line !== null) out.push({ line: checkError.line, column: checkError.column, message: checkError.message, source: 'syntax' });
    // A runtime error marks its line only while the code is still what ran.
    const err = result?.value.error;
    if (result && err && err.line !== null && result.code === code && result.language === language) {
      out.push({ line: err.line, column: err.column, message: err.message, source: 'runtime' });
    }
    return out;
  }, [checkError, result, code, language]);

  const runWithSample = () => {
    setRunning(true);
    setRunError(null);
    const ran = { code, language };
    client
      .call('code.run', { code, language, input: sample.ok ? sample.value : null, timeoutMs, memoryMb, batch })
      .then((value) => setResult({ ...ran, value }), (e: unknown) => setRunError(errorMessage(e)))
      .finally(() => setRunning(false));
  };

  return (
    <>
      <TextField name="input" label="Input" mono value={typeof config.input === 'string' ? config.input : JSON.stringify(config.input ?? null)}
        placeholder="{{ steps.fetch_orders.output.orders }}" errors={fieldIssues(issues, 'input')}
        hint={<>Passed to <code>run(input, ctx)</code>; usually the previous step&apos;s output.</>} onChange={(v) => update({ input: v })} />
      <div className={`code-pane${wide ? ' wide' : ''}`} data-testid="code-pane">
        <div className="code-pane-head">
          <select aria-label="Language" data-testid="field-language" value={language}
            onChange={(e) => {
              const next = e.target.value === 'js' ? 'js' : 'ts';
              update({ language: next, code: codeForLanguage(code, next) });
            }}>
            <option value="ts">TypeScript</option>
            <option value="js">JavaScript</option>
          </select>
          <span className="spacer" />
          <button type="button" className="small" data-testid="code-expand" onClick={() => setWide(!wide)}>{wide ? 'Dock' : 'Expand'}</button>
        </div>
        <Suspense fallback={<div className="code-editor-loading" data-testid="code-editor-loading">Loading editor…</div>}>
          <CodeEditor key={`${block.id}.${language}`} path={`file:///patchbay/${block.id}.${language}`} value={code} language={language}
            typings={typings} markers={markers} height={wide ? '52vh' : 260} onChange={(v) => update({ code: v })} />
        </Suspense>
        {checkError ? (
          <div className="field-error code-check" role="alert" data-testid="code-check">
            {checkError.message}{checkError.line !== null ? ` (line ${checkError.line}${checkError.column !== null ? `, column ${checkError.column}` : ''})` : ''}
          </div>
        ) : check.data ? <div className="code-check ok" data-testid="code-check-ok">No syntax errors.</div> : null}
        {fieldIssues(issues, 'code').filter((m) => !checkError || !m.includes(checkError.message)).map((m) => <div key={m} className="field-error">{m}</div>)}
        <div className="field">
          <div className="code-pane-head">
            <label htmlFor={`sample-${block.id}`}>Sample input (JSON)</label>
            <span className="spacer" />
            {last ? (
              <button type="button" className="small" data-testid="code-use-last" title={`Use the ${last.from}`}
                onClick={() => setSampleText(JSON.stringify(last.value, null, 2))}>Use last run</button>
            ) : null}
          </div>
          <textarea id={`sample-${block.id}`} className="mono" rows={wide ? 6 : 4} spellCheck={false} data-testid="code-sample" value={sampleText}
            placeholder='{"tranId": "PO1001", "lines": []}' onChange={(e) => setSampleText(e.target.value)} />
          {!sample.ok && sample.error ? <div className="field-error">{sample.error}</div> : null}
        </div>
        <div className="code-pane-head">
          <button type="button" className="primary" data-testid="code-run" disabled={running || (!sample.ok && sample.error !== null)} onClick={runWithSample}>
            {running ? 'Running…' : 'Run with sample'}
          </button>
          <span className="muted">{sample.ok ? (batch && Array.isArray(sample.value) ? `${sample.value.length} records` : 'sample ready') : 'no sample: input is null'}</span>
        </div>
        {runError ? <div className="field-error" role="alert" data-testid="code-run-error">{runError}</div> : null}
        {result ? <RunResult result={result.value} /> : null}
      </div>
      <div className="code-limits">
        <NumberField name="timeoutMs" label="Timeout (ms)" min={10} max={60000} value={timeoutMs} errors={fieldIssues(issues, 'timeoutMs')}
          onChange={(v) => update({ timeoutMs: v })} />
        <NumberField name="memoryMb" label="Memory (MB)" min={16} max={256} value={memoryMb} errors={fieldIssues(issues, 'memoryMb')}
          onChange={(v) => update({ memoryMb: v })} />
      </div>
      <label className="inline-check">
        <input type="checkbox" data-testid="field-batch" checked={batch} onChange={(e) => update({ batch: e.target.checked })} />
        Batch: call <code>run(record, ctx, index)</code> once per element of a list input
      </label>
      <p className="form-note">
        Output: <code>result</code> (what <code>run</code> returned) and <code>console</code>. No network, files or <code>require</code> inside the sandbox.
      </p>
    </>
  );
}
