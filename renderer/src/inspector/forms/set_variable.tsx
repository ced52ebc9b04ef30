import { TextField } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';

export function SetVariableForm({ config, update, issues }: FormProps) {
  const name = str(config.name);
  return (
    <>
      <TextField name="name" label="Variable name" mono value={name} placeholder="lastOrderId" errors={fieldIssues(issues, 'name')}
        hint={name ? <>Read later as <code>{`{{ vars.${name} }}`}</code>.</> : undefined} onChange={(v) => update({ name: v })} />
      <TextField name="value" label="Value" mono value={str(config.value)} placeholder="{{ steps.call.output.body.id }}"
        errors={fieldIssues(issues, 'value')} onChange={(v) => update({ value: v })} />
    </>
  );
}
