import { TextArea } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';

export function StopForm({ config, update, issues }: FormProps) {
  return (
    <TextArea name="reason" label="Reason" rows={3} value={str(config.reason)} errors={fieldIssues(issues, 'reason')}
      hint="Shown as the run's stop reason, e.g. “Waiting for the field mapping to be agreed”."
      onChange={(v) => update({ reason: v })} />
  );
}
