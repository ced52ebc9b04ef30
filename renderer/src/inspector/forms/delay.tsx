import { NumberField } from '../fields';
import { fieldIssues, num, type FormProps } from '../types';

export function DelayForm({ config, update, issues }: FormProps) {
  return (
    <NumberField name="ms" label="Wait (milliseconds)" min={0} value={num(config.ms, 1000)} errors={fieldIssues(issues, 'ms')}
      onChange={(v) => update({ ms: v })} />
  );
}
