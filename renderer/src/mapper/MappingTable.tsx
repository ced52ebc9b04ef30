import type { MethodResult } from '../../../engine/api';
import { move, newRuleId, type MappingRule } from './rules';
import { RuleRow, type RuleFeedback } from './RuleRow';
import type { TransformInfo } from './TransformPicker';

type Preview = MethodResult<'mapping.preview'>;
type Issue = MethodResult<'mapping.validate'>['issues'][number];

const NO_FEEDBACK: RuleFeedback = { issues: [], errors: [], otherErrorCount: 0 };

/** What each row shows: its own issues, and its value and errors on the selected sample record. */
export function feedbackByRule(rules: readonly MappingRule[], issues: readonly Issue[], preview: Preview | null, record: number): Map<string, RuleFeedback> {
  const out = new Map<string, RuleFeedback>();
  for (const r of rules) {
    const mine = issues.filter((i) => i.ruleId === r.id).map((i) => i.message);
    const p = preview?.rules.find((x) => x.id === r.id);
    const errors = p ? p.errors.filter((e) => e.recordIndex === record).map((e) => e.message) : [];
    const others = p ? new Set(p.errors.filter((e) => e.recordIndex !== record).map((e) => e.recordIndex)).size : 0;
    const shown = p !== undefined && p.status !== 'invalid' && record < p.values.length;
    out.set(r.id, { issues: mine, errors, otherErrorCount: others, value: { shown, value: shown ? p.values[record] : undefined } });
  }
  return out;
}

/** The rules as an editable table: add, remove, reorder; every edit writes the whole list. */
export function MappingTable(props: {
  rules: readonly MappingRule[];
  feedback: ReadonlyMap<string, RuleFeedback>;
  transforms: readonly TransformInfo[];
  sourceFields: readonly string[];
  onChange(rules: MappingRule[]): void;
}) {
  const { rules } = props;
  const set = (i: number, rule: MappingRule) => props.onChange(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <div className="mapping-table-wrap">
      <datalist id="mapping-source-fields">
        {props.sourceFields.map((p) => <option key={p} value={p} />)}
      </datalist>
      <table className="mapping-table" data-testid="mapping-table">
        <thead>
          <tr>
            <th />
            <th>Target</th>
            <th>Source</th>
            <th>Transforms</th>
            <th>Default</th>
            <th>Note</th>
            <th>Preview</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => (
            <RuleRow key={rule.id} index={i} count={rules.length} rule={rule} feedback={props.feedback.get(rule.id) ?? NO_FEEDBACK}
              transforms={props.transforms} onChange={(r) => set(i, r)} onMove={(to) => props.onChange(move(rules, i, to))}
              onRemove={() => props.onChange(rules.filter((_, j) => j !== i))} />
          ))}
        </tbody>
      </table>
      {rules.length === 0 ? <p className="empty-note">No rules yet. Add one, or import the mapping sheet agreed with the customer.</p> : null}
      <button type="button" className="small" data-testid="add-rule"
        onClick={() => props.onChange([...rules, { id: newRuleId('', rules), target: '', source: '', transforms: [] }])}>
        + Add rule
      </button>
    </div>
  );
}
