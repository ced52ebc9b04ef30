import { SelectField, TextArea } from '../fields';
import { fieldIssues, str, type FormProps } from '../types';

const levels = ['info', 'warn', 'error'] as const;

export function LogForm({ config, update, issues }: FormProps) {
  const level = levels.find((l) => l === config.level) ?? 'info';
  return (
    <>
      <SelectField name="level" label="Level" value={level} options={levels} onChange={(v) => update({ level: v })} />
      <TextArea name="message" label="Message" rows={3} value={str(config.message)} placeholder="Fetched {{ steps.call.output.body.count }} orders"
        errors={fieldIssues(issues, 'message')} onChange={(v) => update({ message: v })} />
    </>
  );
}
