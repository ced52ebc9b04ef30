import { useEffect, useMemo, useRef, useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { JsonView } from '../runs/JsonView';
import { downloadBase64, readFileBase64 } from './files';
import { feedbackByRule, MappingTable } from './MappingTable';
import { newRuleId, toRuleInputs, type MappingRule } from './rules';
import { firstRecord, parseSample, parseTargets, samplePaths } from './sample';
import { Suggestions } from './Suggestions';
import { useTransforms } from './transformsCache';
import { useDebouncedQuery } from './useEngineQuery';
import './mapper.css';

// Sample and target text survive closing and reopening the table (per block, for this tab).
const drafts = new Map<string, { sample: string; targets: string }>();

/**
 * The full mapping editor: the rules table with import/export, a pasted sample with each rule's
 * value and errors beside its row, the mapped result, and suggestions for unmapped targets.
 */
export function MappingEditor(props: {
  blockId: string;
  name: string;
  rules: readonly MappingRule[];
  onChange(rules: MappingRule[]): void;
  /** A sample from the last run, offered with one click. */
  lastSample: { value: unknown; from: string } | null;
  onClose(): void;
  /** A line about where the rules are stored (e.g. a shared mapping's save state). */
  note?: string | null;
}) {
  const client = useClient();
  const transforms = useTransforms(client);
  const saved = drafts.get(props.blockId);
  const [sampleText, setSampleText] = useState(saved?.sample ?? '');
  const [targetsText, setTargetsText] = useState(saved?.targets ?? '');
  const [record, setRecord] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    drafts.set(props.blockId, { sample: sampleText, targets: targetsText });
  }, [props.blockId, sampleText, targetsText]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);

  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  const targets = useMemo(() => parseTargets(targetsText), [targetsText]);
  const inputs = useMemo(() => toRuleInputs(props.rules), [props.rules]);
  const rulesKey = JSON.stringify(inputs);
  const validation = useDebouncedQuery(rulesKey, () => client.call('mapping.validate', { rules: inputs }), 250);
  const previewKey = sample.ok ? `${rulesKey}\n${sampleText}\n${JSON.stringify(targets)}` : null;
  const preview = useDebouncedQuery(
    previewKey,
    () => client.call('mapping.preview', { rules: inputs, sample: sample.ok ? sample.value : null, ...(targets.length > 0 ? { targets: [...targets] } : {}) }),
    350,
  );
  const recordCount = preview.data?.records.length ?? 0;
  const shownRecord = Math.min(record, Math.max(0, recordCount - 1));
  const feedback = useMemo(
    () => feedbackByRule(props.rules, validation.data?.issues ?? [], preview.data, shownRecord),
    [props.rules, validation.data, preview.data, shownRecord],
  );
  const sourceFields = useMemo(() => (sample.ok ? samplePaths(firstRecord(sample.value)) : []), [sample]);

  const importFile = async (file: File) => {
    setFileError(null);
    setFileNote(null);
    try {
      const content = await readFileBase64(file);
      const keep = toRuleInputs(props.rules.filter((r) => r.target !== ''));
      const res = await client.call('mapping.import', { fileName: file.name, content, existing: keep });
      props.onChange(res.rules.map((r) => ({ ...r })));
      setFileNote(`Imported ${res.rules.length} rule${res.rules.length === 1 ? '' : 's'} from ${file.name}.`);
    } catch (e) {
      setFileError(errorMessage(e));
    }
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setFileError(null);
    try {
      const res = await client.call('mapping.export', { rules: inputs, format, name: props.name || 'mapping' });
      downloadBase64(res.fileName, res.mediaType, res.content);
    } catch (e) {
      setFileError(errorMessage(e));
    }
  };

  return (
    <div className="mapper-overlay" role="dialog" aria-modal="true" aria-label={`Mapping of ${props.name}`} data-testid="mapping-editor">
      <div className="mapper">
        <header className="mapper-head">
          <h2>Mapping · {props.name}</h2>
          <span className="muted">{props.rules.length} rule{props.rules.length === 1 ? '' : 's'}</span>
          {validation.data && !validation.data.ok ? (
            <span className="issue-count" data-testid="mapping-issue-count">{validation.data.issues.length} problem{validation.data.issues.length === 1 ? '' : 's'}</span>
          ) : null}
          <span className="spacer" />
          <input ref={fileInput} type="file" accept=".csv,.xlsx,text/csv" hidden data-testid="mapping-import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importFile(f);
            }} />
          <button type="button" data-testid="mapping-import" onClick={() => fileInput.current?.click()}>Import CSV/XLSX…</button>
          <button type="button" data-testid="mapping-export-csv" disabled={props.rules.length === 0} onClick={() => void exportAs('csv')}>Export CSV</button>
          <button type="button" data-testid="mapping-export-xlsx" disabled={props.rules.length === 0} onClick={() => void exportAs('xlsx')}>Export XLSX</button>
          <button type="button" className="primary" data-testid="mapping-close" onClick={props.onClose}>Done</button>
        </header>
        {fileError ? <div className="banner banner-error" role="alert" data-testid="mapping-file-error">{fileError}</div> : null}
        {fileNote ? <div className="banner banner-info" data-testid="mapping-file-note">{fileNote}</div> : null}
        {props.note ? <div className="banner banner-info" data-testid="mapping-note">{props.note}</div> : null}
        <div className="mapper-body">
          <MappingTable rules={props.rules} feedback={feedback} transforms={transforms} sourceFields={sourceFields} onChange={props.onChange} />
          <aside className="mapper-side">
            <section className="mapper-section">
              <div className="mapper-section-head">
                <h3>Sample</h3>
                {props.lastSample ? (
                  <button type="button" className="small" data-testid="use-last-sample" title={`Use the ${props.lastSample.from}`}
                    onClick={() => setSampleText(JSON.stringify(props.lastSample?.value ?? null, null, 2))}>
                    Use last run
                  </button>
                ) : null}
              </div>
              <textarea className="mono" rows={7} spellCheck={false} aria-label="Sample JSON" data-testid="mapping-sample" value={sampleText}
                placeholder="Paste a record, or a list of records, as JSON" onChange={(e) => setSampleText(e.target.value)} />
              {!sample.ok && sample.error ? <div className="field-error" role="alert">{sample.error}</div> : null}
              {preview.error ? <div className="field-error" role="alert">{preview.error}</div> : null}
              {recordCount > 1 ? (
                <div className="record-picker">
                  <button type="button" className="small" aria-label="Previous record" disabled={shownRecord === 0} onClick={() => setRecord(shownRecord - 1)}>‹</button>
                  <span data-testid="record-index">Record {shownRecord + 1} of {recordCount}</span>
                  <button type="button" className="small" aria-label="Next record" disabled={shownRecord >= recordCount - 1} onClick={() => setRecord(shownRecord + 1)}>›</button>
                </div>
              ) : null}
            </section>
            <section className="mapper-section">
              <h3>Target fields</h3>
              <textarea className="mono" rows={3} spellCheck={false} aria-label="Target fields" data-testid="mapping-targets" value={targetsText}
                placeholder={'one per line, * = required:\nexternal_order_id*\nvendor.name*: Vendor'} onChange={(e) => setTargetsText(e.target.value)} />
            </section>
            {preview.data ? <PreviewSummary preview={preview.data} record={shownRecord} /> : null}
            <Suggestions rules={props.rules} sample={sample.ok ? sample.value : undefined} targets={targets}
              onUse={(target, source) => props.onChange([...props.rules, { id: newRuleId(target, props.rules), target, source, transforms: [] }])} />
          </aside>
        </div>
      </div>
    </div>
  );
}

function PreviewSummary({ preview, record }: { preview: MethodResult<'mapping.preview'>; record: number }) {
  const rec = preview.records[record];
  const unmapped = preview.unmappedTargets;
  return (
    <section className="mapper-section" data-testid="mapping-result">
      <h3>Mapped result</h3>
      {rec ? <JsonView value={rec.output} openDepth={2} testId="mapped-output" /> : <p className="form-note">No records in the sample.</p>}
      {unmapped.length > 0 ? (
        <p className="form-note" data-testid="unmapped-targets">
          Unmapped targets: {unmapped.map((u) => <code key={u.path} className={u.required ? 'required' : undefined}>{u.path}{u.required ? '*' : ''} </code>)}
        </p>
      ) : null}
      {preview.unusedSources.length > 0 ? (
        <details className="form-note">
          <summary>{preview.unusedSources.length} source field{preview.unusedSources.length === 1 ? '' : 's'} not used</summary>
          {preview.unusedSources.map((s) => <code key={s}>{s} </code>)}
        </details>
      ) : null}
      {preview.warnings.map((w) => <div key={w.code + w.message} className="field-hint">{w.message}</div>)}
    </section>
  );
}
