import type { ChainStep } from '../../../../engine/shared/chain';
import { defaultText, looseJson, type MappingRule } from '../rules';
import type { TransformInfo } from '../TransformPicker';
import type { RuleState } from './diagnose';
import { sourcesOf } from './ruleEdits';
import { initialArgs, TransformForm } from './TransformForms';

// The side panel for one rule: where it reads from, its transforms (each with its own small form),
// its default and note, its value on the shown record and what is wrong with it.

function steps(rule: MappingRule): ChainStep[] {
  return Array.isArray(rule.transforms) ? [...(rule.transforms as ChainStep[])] : [];
}

function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  return JSON.stringify(v) ?? String(v);
}

export function RulePanel(props: {
  rule: MappingRule;
  state: RuleState | undefined;
  label?: string | undefined;
  transforms: readonly TransformInfo[];
  /** `typing` names the text field being typed in, so its keystrokes undo as one step. */
  onChange(rule: MappingRule, typing?: string): void;
  onRemoveSource(source: string): void;
  onDelete(): void;
  onClose(): void;
}) {
  const { rule } = props;
  const chain = steps(rule);
  const setChain = (next: ChainStep[]) => props.onChange({ ...rule, transforms: next });
  const summary = (name: string) => props.transforms.find((t) => t.name === name)?.summary;
  return (
    <section className="rule-panel" data-testid="rule-panel" aria-label={`Rule for ${rule.target}`}>
      <div className="mapper-section-head">
        <h3>Rule</h3>
        <button type="button" className="small" aria-label="Close the rule panel" onClick={props.onClose}>×</button>
      </div>
      <div className="rule-panel-target"><code>{rule.target}</code>{props.label ? <span className="muted"> {props.label}</span> : null}</div>
      <div className="rule-panel-sources">
        <span className="muted">from</span>
        {rule.expr !== undefined ? <code>{rule.expr}</code> : null}
        {rule.constant !== undefined ? <code>{JSON.stringify(rule.constant)}</code> : null}
        {sourcesOf(rule).map((s) => (
          <span key={s} className="chip"><code>{s}</code>
            <button type="button" className="chip-x" aria-label={`Remove source ${s}`} onClick={() => props.onRemoveSource(s)}>×</button>
          </span>
        ))}
      </div>
      <div className="rule-panel-value" data-testid="rule-panel-value">
        Value: <code>{props.state?.hasValue ? show(props.state.value) : '(no sample)'}</code>
      </div>
      {props.state?.problems.map((p) => <div key={p} className="field-error" role="alert">{p}</div>)}
      <h4>Transforms</h4>
      <ol className="tf-list">
        {chain.map((s, i) => (
          <li key={i} className="tf-item" data-testid={`tf-${s.name}`}>
            <div className="tf-head">
              <strong title={summary(s.name)}>{s.name}</strong>
              <span className="spacer" />
              <button type="button" className="small" aria-label={`Move ${s.name} up`} disabled={i === 0}
                onClick={() => setChain(chain.map((x, j) => (j === i - 1 ? s : j === i ? (chain[i - 1] as ChainStep) : x)))}>↑</button>
              <button type="button" className="small" aria-label={`Remove ${s.name}`} onClick={() => setChain(chain.filter((_x, j) => j !== i))}>×</button>
            </div>
            <TransformForm step={s} onArgs={(args) => setChain(chain.map((x, j) => (j === i ? { ...x, args } : x)))} />
          </li>
        ))}
      </ol>
      <select aria-label="Add a transform" data-testid="add-transform" value=""
        onChange={(e) => e.target.value && setChain([...chain, { name: e.target.value, args: initialArgs(e.target.value) }])}>
        <option value="">Add a transform…</option>
        {props.transforms.map((t) => <option key={t.name} value={t.name} title={t.summary}>{t.name} — {t.summary.slice(0, 60)}</option>)}
      </select>
      <label className="tf-field"><span>Default</span>
        <input aria-label="Default value" placeholder="used when the value is empty" value={defaultText(rule)}
          onChange={(e) => {
            const { default: _d, ...rest } = rule;
            props.onChange(e.target.value === '' ? rest : { ...rest, default: looseJson(e.target.value) }, 'default');
          }} />
      </label>
      <label className="tf-field"><span>Note</span>
        <input aria-label="Note" value={rule.note ?? ''} onChange={(e) => props.onChange({ ...rule, note: e.target.value }, 'note')} />
      </label>
      <button type="button" className="danger small" data-testid="delete-rule" onClick={props.onDelete}>Delete rule</button>
    </section>
  );
}
