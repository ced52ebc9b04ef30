import { ChainSyntaxError, formatChain, parseChain } from '../../../engine/shared/chain';
import { DraftInput } from './DraftInput';
import {
  defaultText, looseJson, modeOf, setSource, sourceModes, sourceText, transformsText, type MappingRule, type SourceMode,
} from './rules';
import type { TransformInfo } from './TransformPicker';
import { TransformPicker } from './TransformPicker';
import { refusedJson } from '../json/pasted';

export interface RuleFeedback {
  /** Problems with the rule itself (bad path, unknown transform), from validation. */
  readonly issues: readonly string[];
  /** The rule's value on the selected sample record, when a preview ran. */
  readonly value?: { readonly shown: boolean; readonly value: unknown };
  /** Errors on the selected sample record. */
  readonly errors: readonly string[];
  /** Records (other than the selected one) where the rule failed. */
  readonly otherErrorCount: number;
}

function chainNormalize(text: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: formatChain(parseChain(text)) };
  } catch (e) {
    return { ok: false, error: e instanceof ChainSyntaxError ? e.message : String(e) };
  }
}

function jsonNormalize(text: string): { ok: true; text: string } | { ok: false; error: string } {
  const refused = refusedJson(text, 'The default');
  if (refused) return { ok: false, error: refused };
  const v = looseJson(text);
  return { ok: true, text: text.trim() === '' ? '' : typeof v === 'string' ? v : JSON.stringify(v) };
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

const placeholders: Record<SourceMode, string> = {
  source: 'entity.refName',
  sources: 'firstName, lastName',
  expr: '$sum(item.items.amount)',
  constant: '"USD" or 42',
};

/** One mapping rule as a table row, with its preview value and errors in a row below it. */
export function RuleRow(props: {
  index: number;
  count: number;
  rule: MappingRule;
  feedback: RuleFeedback;
  transforms: readonly TransformInfo[];
  onChange(rule: MappingRule): void;
  onMove(to: number): void;
  onRemove(): void;
}) {
  const { rule, index: i, feedback } = props;
  const mode = modeOf(rule);
  const n = i + 1;
  const problems = [...feedback.issues, ...feedback.errors];
  const status = feedback.issues.length > 0 ? 'invalid' : feedback.errors.length > 0 ? 'errors' : feedback.value?.shown ? 'ok' : 'none';
  return (
    <>
      <tr className={`rule-row rule-${status}`} data-testid={`rule-row-${i}`} data-rule-id={rule.id}>
        <td className="rule-num">{n}</td>
        <td className="rule-target">
          <input aria-label={`Target ${n}`} className="mono" value={rule.target} placeholder="lineItems[*].sku" spellCheck={false}
            onChange={(e) => props.onChange({ ...rule, target: e.target.value })} />
        </td>
        <td>
          <div className="rule-source">
            <select aria-label={`Source kind ${n}`} value={mode}
              onChange={(e) => {
                const next = sourceModes.find((m) => m.value === e.target.value)?.value ?? 'source';
                props.onChange(setSource(rule, next, sourceText(rule)));
              }}>
              {sourceModes.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
            </select>
            {mode === 'constant' ? (
              <DraftInput key="constant" label={`Source ${n}`} value={sourceText(rule)} normalize={jsonNormalize} placeholder={placeholders.constant}
                onCommit={(t) => props.onChange(setSource(rule, 'constant', t))} />
            ) : (
              <input aria-label={`Source ${n}`} className="mono" value={sourceText(rule)} placeholder={placeholders[mode]} spellCheck={false}
                list={mode === 'expr' ? undefined : 'mapping-source-fields'}
                onChange={(e) => props.onChange(setSource(rule, mode, e.target.value))} />
            )}
          </div>
        </td>
        <td>
          <div className="rule-transforms">
            <DraftInput label={`Transforms ${n}`} value={transformsText(rule)} normalize={chainNormalize} placeholder="trim | upper"
              onCommit={(t) => props.onChange({ ...rule, transforms: parseChain(t) })} />
            <TransformPicker label={`Add transform to rule ${n}`} transforms={props.transforms}
              onPick={(step) => {
                const cur = transformsText(rule);
                props.onChange({ ...rule, transforms: parseChain(cur ? `${cur} | ${step}` : step) });
              }} />
          </div>
        </td>
        <td className="rule-default">
          <DraftInput label={`Default ${n}`} value={defaultText(rule)} normalize={jsonNormalize}
            onCommit={(t) => {
              const { default: _d, ...rest } = rule;
              props.onChange(t.trim() === '' ? rest : { ...rest, default: looseJson(t) });
            }} />
        </td>
        <td className="rule-note">
          <input aria-label={`Note ${n}`} value={rule.note ?? ''} onChange={(e) => props.onChange({ ...rule, note: e.target.value })} />
        </td>
        <td className="rule-value mono" data-testid={`rule-value-${rule.id}`} title={feedback.value?.shown ? JSON.stringify(feedback.value.value) : undefined}>
          {feedback.value?.shown ? show(feedback.value.value) : ''}
        </td>
        <td className="rule-actions">
          <button type="button" className="icon-button" title="Move up" aria-label={`Move rule ${n} up`} disabled={i === 0} onClick={() => props.onMove(i - 1)}>↑</button>
          <button type="button" className="icon-button" title="Move down" aria-label={`Move rule ${n} down`} disabled={i === props.count - 1}
            onClick={() => props.onMove(i + 1)}>↓</button>
          <button type="button" className="icon-button" title="Remove" aria-label={`Remove rule ${n}`} onClick={props.onRemove}>×</button>
        </td>
      </tr>
      {problems.length > 0 || feedback.otherErrorCount > 0 ? (
        <tr className="rule-feedback">
          <td />
          <td colSpan={7} data-testid={`rule-errors-${rule.id}`} role="alert">
            {problems.map((p) => <div key={p} className="rule-error">{p}</div>)}
            {feedback.otherErrorCount > 0 ? (
              <div className="rule-error-more">Fails on {feedback.otherErrorCount} other sample record{feedback.otherErrorCount === 1 ? '' : 's'}.</div>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
