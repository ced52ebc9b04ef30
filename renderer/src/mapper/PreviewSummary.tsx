import type { MethodResult } from '../../../engine/api';
import { JsonView } from '../runs/JsonView';

/** The table view's side summary: the mapped record, unmapped targets and unused source fields. */
export function PreviewSummary({ preview, record }: { preview: MethodResult<'mapping.preview'>; record: number }) {
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
