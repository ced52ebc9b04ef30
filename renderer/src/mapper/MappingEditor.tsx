import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, EngineCallError } from '../client';
import { useClient } from '../client/context';
import { downloadBase64, readFileBase64 } from './files';
import { feedbackByRule, MappingTable } from './MappingTable';
import { PreviewSummary } from './PreviewSummary';
import { newRuleId, readRules, toRuleInputs, type MappingRule } from './rules';
import { firstRecord, parseSample, parseTargets, samplePaths } from './sample';
import { Suggestions } from './Suggestions';
import { useTransforms } from './transformsCache';
import { useDebouncedQuery } from './useEngineQuery';
import { diagnoseRules, prefixesOf } from './visual/diagnose';
import { sourceFieldList, targetFieldList, toTargetField } from './visual/fieldLists';
import { useRuleHistory, useUndoKeys } from './visual/history';
import { ImportPreview } from './visual/ImportPreview';
import { planImport, rowProblems, type ImportPlan, type RowProblem } from './visual/importPreview';
import { SampleBar } from './visual/SampleBar';
import { SchemaInput } from './visual/SchemaInput';
import { useMapperData } from './visual/useMapperData';
import { VisualMapper } from './visual/VisualMapper';
import './mapper.css';
import './visual/visual.css';

// Sample and target text survive closing and reopening the mapper (per block, for this tab).
const drafts = new Map<string, { sample: string; targets: string; view: 'visual' | 'table' }>();

/**
 * The mapping editor: the visual mapper (two field trees, rules as lines, live values) and the
 * rules table as a second view of the same rules. Both views, imports and suggestions edit through
 * one history, so undo/redo covers every edit.
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
  /** The installation whose connections give samples and fields (null: the first saved ones). */
  installationId?: string | null;
}) {
  const client = useClient();
  const transforms = useTransforms(client);
  const data = useMapperData(client, props.installationId ?? null);
  const saved = drafts.get(props.blockId);
  const [sampleText, setSampleText] = useState(saved?.sample ?? '');
  const [targetsText, setTargetsText] = useState(saved?.targets ?? '');
  const [view, setView] = useState<'visual' | 'table'>(saved?.view ?? 'visual');
  const [record, setRecord] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [importing, setImporting] = useState<{ fileName: string; plan: ImportPlan | null; error: string | null; rows: RowProblem[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const history = useRuleHistory(props.rules, props.onChange);
  useUndoKeys(history);
  useEffect(() => {
    drafts.set(props.blockId, { sample: sampleText, targets: targetsText, view });
  }, [props.blockId, sampleText, targetsText, view]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);

  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  const records = useMemo(() => (sample.ok ? (Array.isArray(sample.value) ? sample.value : [sample.value]) : []), [sample]);
  const typedTargets = useMemo(() => parseTargets(targetsText), [targetsText]);
  const sources = useMemo(() => sourceFieldList(data.sourceFields.data ?? [], records, props.rules), [data.sourceFields.data, records, props.rules]);
  const targets = useMemo(() => targetFieldList(data.targetFields.data ?? [], typedTargets, props.rules), [data.targetFields.data, typedTargets, props.rules]);
  const targetList = useMemo(() => targets.map(toTargetField), [targets]);
  const inputs = useMemo(() => toRuleInputs(props.rules), [props.rules]);
  const rulesKey = JSON.stringify(inputs);
  const validation = useDebouncedQuery(rulesKey, () => client.call('mapping.validate', { rules: inputs }), 250);
  const previewKey = sample.ok ? `${rulesKey}\n${sampleText}\n${JSON.stringify(targetList)}` : null;
  const preview = useDebouncedQuery(
    previewKey,
    () => client.call('mapping.preview', { rules: inputs, sample: sample.ok ? sample.value : null, ...(targetList.length > 0 ? { targets: targetList.slice(0, 2000) } : {}) }),
    300,
  );
  const recordCount = preview.data?.records.length ?? records.length;
  const shownRecord = Math.min(record, Math.max(0, recordCount - 1));
  const feedback = useMemo(
    () => feedbackByRule(props.rules, validation.data?.issues ?? [], preview.data, shownRecord),
    [props.rules, validation.data, preview.data, shownRecord],
  );
  const known = useMemo(() => new Set(sources.filter((s) => s.sampled || s.label).map((s) => s.path)), [sources]);
  const prefixes = useMemo(() => prefixesOf(known), [known]);
  const targetInfo = useMemo(() => new Map(targets.map((t) => [t.path, t])), [targets]);
  const states = useMemo(
    () => diagnoseRules({ rules: props.rules, issues: validation.data?.issues ?? [], preview: preview.data, record: shownRecord, targets: targetInfo, known, prefixes }),
    [props.rules, validation.data, preview.data, shownRecord, targetInfo, known, prefixes],
  );
  const sourcePaths = useMemo(() => (sample.ok ? samplePaths(firstRecord(sample.value)) : []), [sample]);

  const importFile = async (file: File) => {
    setFileError(null);
    try {
      const content = await readFileBase64(file);
      const keep = toRuleInputs(props.rules.filter((r) => r.target !== ''));
      const res = await client.call('mapping.import', { fileName: file.name, content, existing: keep });
      setImporting({ fileName: file.name, plan: planImport(props.rules, readRules(res.rules)), error: null, rows: [] });
    } catch (e) {
      setImporting({ fileName: file.name, plan: null, error: errorMessage(e), rows: e instanceof EngineCallError ? rowProblems(e.details) : [] });
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
  const fetchSamples = useCallback(async () => {
    const got = await data.fetchSamples(5);
    if (got) {
      setSampleText(JSON.stringify(got, null, 2));
      setRecord(0);
    }
  }, [data]);

  const sampleBar = (
    <SampleBar source={data.connections.data?.source?.name ?? null} fetching={data.fetching} onFetch={() => void fetchSamples()}
      lastSample={props.lastSample} onUseLast={() => setSampleText(JSON.stringify(props.lastSample?.value ?? null, null, 2))}
      record={shownRecord} count={sample.ok ? recordCount : 0} onRecord={setRecord} sampleError={sample.ok ? null : sample.error} previewError={preview.error}
      onPaste={(text) => setSampleText(text)} />
  );
  const connectionsError = data.connections.error ? (
    <div className="field-error" role="alert" data-testid="mapper-connections-error">The installation&apos;s connections could not be read ({data.connections.error}); paste a sample instead.</div>
  ) : null;
  return (
    <div className="mapper-overlay" role="dialog" aria-modal="true" aria-label={`Mapping of ${props.name}`} data-testid="mapping-editor">
      <div className="mapper">
        <header className="mapper-head">
          <h2>Mapping · {props.name}</h2>
          <span className="muted" data-testid="rule-count">{props.rules.length} rule{props.rules.length === 1 ? '' : 's'}</span>
          {validation.data && !validation.data.ok ? (
            <span className="issue-count" data-testid="mapping-issue-count">{validation.data.issues.length} problem{validation.data.issues.length === 1 ? '' : 's'}</span>
          ) : null}
          <div className="view-switch" role="tablist" aria-label="View">
            <button type="button" role="tab" aria-selected={view === 'visual'} data-testid="view-visual" onClick={() => setView('visual')}>Visual</button>
            <button type="button" role="tab" aria-selected={view === 'table'} data-testid="view-table" onClick={() => setView('table')}>Table</button>
          </div>
          <button type="button" className="small" data-testid="mapper-undo" disabled={!history.canUndo} onClick={history.undo} title="Undo (Ctrl+Z)">Undo</button>
          <button type="button" className="small" data-testid="mapper-redo" disabled={!history.canRedo} onClick={history.redo} title="Redo (Ctrl+Shift+Z)">Redo</button>
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
        {props.note ? <div className="banner banner-info" data-testid="mapping-note">{props.note}</div> : null}
        {importing ? (
          <ImportPreview fileName={importing.fileName} plan={importing.plan} error={importing.error} rows={importing.rows} onCancel={() => setImporting(null)}
            onApply={() => {
              if (importing.plan) history.apply(importing.plan.result);
              setImporting(null);
            }} />
        ) : null}
        {view === 'visual' ? (
          <VisualMapper rules={props.rules} apply={history.apply} sources={sources} targets={targets} states={states} transforms={transforms}
            record={records[shownRecord]} sample={sample.ok ? sample.value : undefined} toolbar={<>{sampleBar}{connectionsError}</>}
            sourceTitle={<>Source{data.connections.data?.source ? <span className="muted"> · {data.connections.data.source.name}</span> : null}</>}
            targetTitle={<>Target{data.connections.data?.target ? <span className="muted"> · {data.connections.data.target.name}</span> : null}</>}
            sourceStatus={data.sourceFields.error ? <div className="field-error" role="alert" title={data.sourceFields.error} data-testid="source-fields-error">{data.sourceFields.error}</div> : null}
            targetStatus={<>
              {data.targetFields.error ? <div className="field-error" role="alert" title={data.targetFields.error} data-testid="target-fields-error">{data.targetFields.error}</div> : null}
              <SchemaInput onUse={data.useSchemaText} />
            </>} />
        ) : (
          <div className="mapper-body">
            <MappingTable rules={props.rules} feedback={feedback} transforms={transforms} sourceFields={sourcePaths} onChange={(next) => history.apply(next, 'table')} />
            <aside className="mapper-side">
              <section className="mapper-section">
                <h3>Sample</h3>
                {sampleBar}
                <textarea className="mono" rows={7} spellCheck={false} aria-label="Sample JSON" data-testid="mapping-sample" value={sampleText}
                  placeholder="Paste a record, or a list of records, as JSON" onChange={(e) => setSampleText(e.target.value)} />
              </section>
              <section className="mapper-section">
                <h3>Target fields</h3>
                <textarea className="mono" rows={3} spellCheck={false} aria-label="Target fields" data-testid="mapping-targets" value={targetsText}
                  placeholder={'one per line, * = required:\nexternal_order_id*\nvendor.name*: Vendor'} onChange={(e) => setTargetsText(e.target.value)} />
              </section>
              {preview.data ? <PreviewSummary preview={preview.data} record={shownRecord} /> : null}
              <Suggestions rules={props.rules} sample={sample.ok ? sample.value : undefined} targets={typedTargets}
                onUse={(target, source) => history.apply([...props.rules, { id: newRuleId(target, props.rules), target, source, transforms: [] }])} />
            </aside>
          </div>
        )}
      </div>
    </div>
  );
}
