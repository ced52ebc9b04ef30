import { conditionOperatorLabels, conditionOperators, unaryOperators, type ConditionOperator } from '../../../../engine/shared/conditions';
import { SelectField, TextArea } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';

const operators = conditionOperators.map((value) => ({ value, label: conditionOperatorLabels[value] }));
type Operator = ConditionOperator;

/** Operators that test the field alone and take no value. */
const unary = unaryOperators;

interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

function readConditions(v: unknown): Condition[] {
  if (!Array.isArray(v)) return [];
  return v.map((c: unknown) => {
    const r = typeof c === 'object' && c !== null ? (c as Record<string, unknown>) : {};
    return {
      field: str(r.field),
      operator: operators.find((o) => o.value === r.operator)?.value ?? 'eq',
      value: typeof r.value === 'string' ? r.value : r.value === undefined ? '' : JSON.stringify(r.value),
    };
  });
}

export function BranchForm({ config, update, issues }: FormProps) {
  const mode = config.mode === 'expression' ? 'expression' : 'conditions';
  const combinator = config.combinator === 'or' ? 'or' : 'and';
  const conditions = readConditions(config.conditions);
  const write = (next: Condition[]) => update({ conditions: next });
  return (
    <>
      <SelectField name="mode" label="Decide by" value={mode}
        options={[{ value: 'conditions', label: 'Conditions' }, { value: 'expression', label: 'JSONata expression' }] as const}
        onChange={(v) => update({ mode: v })} />
      {mode === 'expression' ? (
        <TextArea name="expression" label="Expression" rows={4} value={str(config.expression)}
          placeholder={'steps.call.output.status = 200 and $count(steps.call.output.body.items) > 0'}
          hint="True goes down the true port. The expression sees trigger, steps, vars, item and index."
          errors={fieldIssues(issues, 'expression')} onChange={(v) => update({ expression: v })} />
      ) : (
        <>
          <SelectField name="combinator" label="Match" value={combinator}
            options={[{ value: 'and', label: 'All conditions (AND)' }, { value: 'or', label: 'Any condition (OR)' }] as const}
            onChange={(v) => update({ combinator: v })} />
          <div className="conditions" data-testid="field-conditions">
            {conditions.map((c, i) => {
              const errs = fieldIssues(issues, `conditions.${i}`);
              return (
                <div className={`condition${errs.length ? ' field-invalid' : ''}`} key={i} data-testid={`condition-${i}`}>
                  <input className="mono" aria-label={`Condition ${i + 1} field`} placeholder="{{ steps.call.output.status }}" value={c.field}
                    onChange={(e) => write(conditions.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))} />
                  <select aria-label={`Condition ${i + 1} operator`} value={c.operator}
                    onChange={(e) => {
                      const op = operators.find((o) => o.value === e.target.value)?.value ?? 'eq';
                      write(conditions.map((x, j) => (j === i ? { ...x, operator: op } : x)));
                    }}>
                    {operators.map((o) => (
                      <option key={o.value} value={o.value}>{o.label}</option>
                    ))}
                  </select>
                  {unary.has(c.operator) ? <span className="condition-novalue" /> : (
                    <input className="mono" aria-label={`Condition ${i + 1} value`} placeholder="value" value={c.value}
                      onChange={(e) => write(conditions.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                  )}
                  <button type="button" className="icon-button" title="Remove condition" onClick={() => write(conditions.filter((_, j) => j !== i))}>×</button>
                  {errs.map((m) => <div key={m} className="field-error" role="alert">{m}</div>)}
                </div>
              );
            })}
            <button type="button" className="link-button" onClick={() => write([...conditions, { field: '', operator: 'eq', value: '' }])}>
              + Add condition
            </button>
          </div>
          {fieldIssues(issues, 'conditions').filter((m) => !conditions.some((_, i) => fieldIssues(issues, `conditions.${i}`).includes(m))).map((m) => (
            <div key={m} className="field-error" role="alert">{m}</div>
          ))}
        </>
      )}
    </>
  );
}
