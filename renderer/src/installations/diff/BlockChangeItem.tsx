import type { BlockChange, FieldChange, RulesDiff } from '../../../../engine/model/diff-schema';
import { blockMeta } from '../../catalog/blocks';
import { shortJson } from '../format';
import { fieldText } from './describe';

function FieldLines({ changes, labels }: { changes: readonly FieldChange[]; labels?: ReadonlyMap<string, string> }) {
  return (
    <ul className="diff-fields">
      {changes.map((c) => {
        const t = fieldText(c, labels);
        return (
          <li key={c.pointer} data-testid={`diff-field-${c.field}`}>
            <b className="diff-field-name">{t.field}</b> <span className="mono">{t.change}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Mapping rules named by the field they fill (their ids mean nothing to a reader). */
export function RuleLines({ rules }: { rules: RulesDiff }) {
  const rule = (t: string | null) => (t === null ? <>a rule <span className="muted">(no target)</span></> : <>the rule for <code>{t}</code></>);
  const targets = new Map([...rules.added, ...rules.removed, ...rules.changed].map((r) => [r.id, r.target ?? r.id]));
  return (
    <ul className="diff-fields diff-rules">
      {rules.added.map((r) => (
        <li key={`a:${r.id}`} className="diff-added" data-testid={`diff-rule-added-${r.id}`}>+ {rule(r.target)} added</li>
      ))}
      {rules.removed.map((r) => (
        <li key={`r:${r.id}`} className="diff-removed" data-testid={`diff-rule-removed-${r.id}`}>− {rule(r.target)} removed</li>
      ))}
      {rules.changed.map((r) => (
        <li key={`c:${r.id}`} data-testid={`diff-rule-changed-${r.id}`}>
          ~ {rule(r.target)}
          <FieldLines changes={r.fields} />
        </li>
      ))}
      {rules.reordered ? <li>rules reordered: <span className="mono">{shortJson(rules.reordered.new.map((id) => targets.get(id) ?? id), 120)}</span></li> : null}
    </ul>
  );
}

/** One changed block: rename, kind, move, config fields old → new, and mapping rules by id. */
export function BlockChangeItem({ change, onSelect }: { change: BlockChange; onSelect?(id: string): void }) {
  const meta = blockMeta(change.kind);
  const title = change.name || meta.title;
  const labels = new Map(meta.form.map((f) => [f.key, f.label]));
  const onlyMoved = change.config.length === 0 && !change.rules && !change.renamed && !change.kindChanged;
  return (
    <li className={`diff-block diff-changed${onlyMoved ? ' diff-moved' : ''}`} data-testid={`diff-block-changed-${change.id}`}>
      <div className="diff-block-head">
        <span className="diff-op">~</span>
        {onSelect ? (
          <button type="button" className="link-button" onClick={() => onSelect(change.id)}>{title}</button>
        ) : <b>{title}</b>}
        {change.name ? <span className="muted">{meta.title}</span> : null}
      </div>
      <ul className="diff-fields">
        {change.renamed ? <li>renamed “{change.renamed.old}” → “{change.renamed.new}”</li> : null}
        {change.kindChanged ? <li>kind {change.kindChanged.old} → {change.kindChanged.new}</li> : null}
        {change.moved ? <li className="muted">moved on the canvas</li> : null}
      </ul>
      {change.config.length > 0 ? <FieldLines changes={change.config} labels={labels} /> : null}
      {change.rules ? <RuleLines rules={change.rules} /> : null}
    </li>
  );
}
