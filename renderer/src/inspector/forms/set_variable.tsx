import { TextField } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';

export function SetVariableForm({ config, update, issues }: FormProps) {
  const name = str(config.name);
  const persist = config.persist === true;
  return (
    <>
      <TextField name="name" label="Variable name" mono value={name} placeholder="lastOrderId" errors={fieldIssues(issues, 'name')}
        hint={name ? <>Read later as <code>{`{{ vars.${name} }}`}</code>{persist ? <>, and in the next runs as <code>{`{{ state.${name} }}`}</code></> : null}.</> : undefined}
        onChange={(v) => update({ name: v })} />
      <TextField name="value" label="Value" mono value={str(config.value)} placeholder="{{ steps.call.output.body.id }}"
        errors={fieldIssues(issues, 'value')} onChange={(v) => update({ value: v })} />
      <label className="inline-check">
        <input type="checkbox" data-testid="field-persist" checked={persist} onChange={(e) => update({ persist: e.target.checked })} />
        Keep for the next runs (a watermark)
      </label>
      <p className="form-note">Kept values are saved only when the run succeeds; test syncs never save them.</p>
    </>
  );
}
