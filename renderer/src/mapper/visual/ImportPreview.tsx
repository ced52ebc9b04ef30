import { sourceText, type MappingRule } from '../rules';
import type { ImportPlan, RowProblem } from './importPreview';

/** The import's preview: what it adds and replaces, or the rows that stop it. Nothing changes until "Apply". */
export function ImportPreview(props: { fileName: string; plan: ImportPlan | null; error: string | null; rows: readonly RowProblem[]; onApply(): void; onCancel(): void }) {
  const line = (r: MappingRule) => <><code>{r.target}</code> ← <code>{sourceText(r)}</code></>;
  return (
    <section className="import-preview" data-testid="import-preview" aria-label={`Import of ${props.fileName}`}>
      <div className="mapper-section-head">
        <h3>Import {props.fileName}</h3>
        <span className="spacer" />
        {props.plan ? <button type="button" className="primary small" data-testid="import-apply" onClick={props.onApply}>Apply import</button> : null}
        <button type="button" className="small" data-testid="import-cancel" onClick={props.onCancel}>{props.plan ? 'Cancel' : 'Close'}</button>
      </div>
      {props.error ? <div className="field-error" role="alert" data-testid="import-error">{props.error} Nothing was changed.</div> : null}
      {props.rows.length > 0 ? (
        <ul className="import-rows" data-testid="import-row-errors">
          {props.rows.map((r) => <li key={`${r.row}:${r.message}`}>Row {r.row}: {r.message}</li>)}
        </ul>
      ) : null}
      {props.plan ? (
        <>
          <p className="form-note" data-testid="import-summary">
            Adds {props.plan.added.length}, replaces {props.plan.replaced.length}, leaves {props.plan.unchanged} unchanged; {props.plan.kept} rule{props.plan.kept === 1 ? '' : 's'} not in the sheet stay as they are.
          </p>
          <ul className="import-rows">
            {props.plan.added.map((r) => <li key={`a:${r.target}`} className="import-added">+ {line(r)}</li>)}
            {props.plan.replaced.map((x) => <li key={`r:${x.after.target}`} className="import-replaced">~ {line(x.after)} <span className="muted">(was {sourceText(x.before)})</span></li>)}
          </ul>
        </>
      ) : null}
    </section>
  );
}
