import { useCallback, useMemo, useState } from 'react';
import { lastSampleFor } from '../../code/lastSample';
import { MappingEditor } from '../../mapper/MappingEditor';
import { modeOf, readRules, sourceText, transformsText, type MappingRule } from '../../mapper/rules';
import { useWorkflow } from '../../store/context';
import { SelectField, TextField } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';
import '../../mapper/mapper.css';

const policies = [
  { value: 'fail_record', label: 'Fail the record (its errors are listed)' },
  { value: 'null_field', label: 'Set the field to null and go on' },
] as const;
type Policy = (typeof policies)[number]['value'];

function policy(v: unknown): Policy {
  return policies.find((p) => p.value === v)?.value ?? 'fail_record';
}

function describe(rule: MappingRule): string {
  const mode = modeOf(rule);
  const src = mode === 'source' ? sourceText(rule) : mode === 'constant' ? `= ${sourceText(rule)}` : mode === 'expr' ? `expr ${sourceText(rule)}` : sourceText(rule);
  const t = transformsText(rule);
  return t ? `${src} | ${t}` : src;
}

/** Map Fields: input and error policy here; the rules open in a wide table over the canvas. */
export function MapFieldsForm({ block, config, update, issues }: FormProps) {
  const [open, setOpen] = useState(false);
  const rules = useMemo(() => readRules(config.rules), [config.rules]);
  const run = useWorkflow((s) => s.run);
  const doc = useWorkflow((s) => s.doc);
  const lastSample = useMemo(() => lastSampleFor(run, doc, block.id), [run, doc, block.id]);
  const ruleIssues = fieldIssues(issues, 'rules');
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <TextField name="input" label="Input" mono value={str(config.input)} placeholder="{{ steps.fetch_orders.output.orders }}"
        hint="A record or a list of records; each is mapped by the rules." errors={fieldIssues(issues, 'input')}
        onChange={(v) => update({ input: v })} />
      <SelectField name="onError" label="When a rule fails on a record" value={policy(config.onError)} options={policies}
        errors={fieldIssues(issues, 'onError')} onChange={(v) => update({ onError: v })} />
      <div className="field">
        <label>Rules ({rules.length})</label>
        {rules.length > 0 ? (
          <ul className="mapping-summary" data-testid="mapping-summary">
            {rules.map((r) => (
              <li key={r.id} title={r.note}>
                <code>{r.target || '(no target)'}</code>
                <span className="arrow">←</span>
                <code>{describe(r)}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="form-note">No rules yet.</p>
        )}
        {ruleIssues.length > 0 ? <div className="field-error" role="alert">{ruleIssues.length} rule problem{ruleIssues.length === 1 ? '' : 's'}: {ruleIssues[0]}</div> : null}
        <button type="button" className="primary" data-testid="open-mapping" onClick={() => setOpen(true)}>
          Open mapping table
        </button>
      </div>
      <p className="form-note">
        Output: <code>records</code> (or <code>record</code>) and <code>errors</code>. Preview rules on a sample in the table.
      </p>
      {open ? (
        <MappingEditor blockId={block.id} name={block.name || block.id} rules={rules} lastSample={lastSample}
          onChange={(next) => update({ rules: next })} onClose={close} />
      ) : null}
    </>
  );
}
