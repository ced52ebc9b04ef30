import { useCallback, useMemo, useState } from 'react';
import { lastSampleFor } from '../../code/lastSample';
import { useClient } from '../../client/context';
import { MappingEditor } from '../../mapper/MappingEditor';
import { RuleSummary } from '../../mapper/RuleSummary';
import { readRules, toRuleInputs } from '../../mapper/rules';
import { ShareRulesForm } from '../../mapper/shared/ShareRulesForm';
import { SharedMappingRules } from '../../mapper/shared/SharedMappingRules';
import { useSharedMappings } from '../../mapper/shared/useSharedMappings';
import { useWorkflow, useWorkflowStoreApi } from '../../store/context';
import { sourceOf } from '../../store/source';
import { Field, SelectField, TextField } from '../fields';
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

const INLINE = '';

/**
 * Map Fields: input and error policy here; the rules are either the integration's shared mapping,
 * picked by name (so every workflow naming it maps alike), or this block's own inline rules.
 */
export function MapFieldsForm({ block, config, update, replace, issues }: FormProps) {
  const client = useClient();
  const scope = sourceOf(useWorkflowStoreApi()).mappingScope;
  const shared = useSharedMappings(client, scope);
  const [open, setOpen] = useState(false);
  const rules = useMemo(() => readRules(config.rules), [config.rules]);
  const run = useWorkflow((s) => s.run);
  const doc = useWorkflow((s) => s.doc);
  const lastSample = useMemo(() => lastSampleFor(run, doc, block.id), [run, doc, block.id]);
  const ruleIssues = fieldIssues(issues, 'rules');
  const close = useCallback(() => setOpen(false), []);
  const name = str(config.mapping).trim();
  const entries = shared.data?.entries ?? [];
  const entry = entries.find((e) => e.name === name) ?? null;

  const choose = (next: string) => {
    const { mapping: _m, rules: current, ...rest } = config;
    if (next === INLINE) {
      // Leaving a shared mapping starts this block's own rules from a copy of it.
      replace({ ...rest, rules: entry ? toRuleInputs(entry.rules) : (current ?? []) });
    } else {
      replace({ ...rest, mapping: next });
    }
  };
  const options = [{ value: INLINE, label: 'Rules of this block only' }, ...entries.map((e) => ({ value: e.name, label: e.name }))];
  if (name && !entry) options.push({ value: name, label: `${name} (missing)` });

  return (
    <>
      <TextField name="input" label="Input" mono value={str(config.input)} placeholder="{{ steps.fetch_orders.output.orders }}"
        hint="A record or a list of records; each is mapped by the rules." errors={fieldIssues(issues, 'input')}
        onChange={(v) => update({ input: v })} />
      <SelectField name="onError" label="When a rule fails on a record" value={policy(config.onError)} options={policies}
        errors={fieldIssues(issues, 'onError')} onChange={(v) => update({ onError: v })} />
      <Field label="Mapping" errors={fieldIssues(issues, 'mapping')}
        hint={name ? 'A shared mapping: every workflow that names it uses the same rules.' : 'Pick a shared mapping so the integration\'s workflows map alike.'}>
        {(id) => (
          <select id={id} data-testid="field-mapping" value={name} onChange={(e) => choose(e.target.value)}>
            {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        )}
      </Field>
      {shared.error ? <p className="form-note" data-testid="shared-mappings-error">Shared mappings could not be loaded: {shared.error}</p> : null}
      {name ? (
        entry ? (
          <SharedMappingRules key={`${entry.kind}:${entry.editId ?? entry.mappingId}`} entry={entry} lastSample={lastSample}
            installationId={scope.kind === 'installation' ? scope.installationId : null} customerName={scope.kind === 'installation' ? scope.customerName : null}
            onChanged={() => void shared.reload()} />
        ) : null
      ) : (
        <div className="field">
          <label>Rules ({rules.length})</label>
          <RuleSummary rules={rules} />
          {ruleIssues.length > 0 ? <div className="field-error" role="alert">{ruleIssues.length} rule problem{ruleIssues.length === 1 ? '' : 's'}: {ruleIssues[0]}</div> : null}
          <button type="button" className="primary" data-testid="open-mapping" onClick={() => setOpen(true)}>
            Open mapping table
          </button>
          {scope.kind === 'base' && shared.data?.integrationId ? (
            <ShareRulesForm integrationId={shared.data.integrationId} rules={rules} taken={entries.map((e) => e.name)}
              onShared={(mappingName) => void shared.reload().then(() => choose(mappingName))} />
          ) : null}
        </div>
      )}
      <p className="form-note">
        Output: <code>records</code> (or <code>record</code>) and <code>errors</code>. Preview rules on a sample in the table.
      </p>
      {open ? (
        <MappingEditor blockId={block.id} name={block.name || block.id} rules={rules} lastSample={lastSample}
          installationId={scope.kind === 'installation' ? scope.installationId : null}
          onChange={(next) => update({ rules: next })} onClose={close} />
      ) : null}
    </>
  );
}
