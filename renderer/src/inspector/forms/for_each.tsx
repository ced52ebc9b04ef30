import { NumberField, TextField } from '../fields';
import { fieldIssues, num, str, type FormProps } from '../types';

export function ForEachForm({ config, update, issues }: FormProps) {
  return (
    <>
      <TextField name="items" label="Items" mono value={str(config.items)} placeholder="{{ steps.fetch.output.body.items }}"
        hint={<>An array. Blocks on the <b>each</b> path read the element as <code>{'{{ item }}'}</code> and its position as <code>{'{{ index }}'}</code>.</>}
        errors={fieldIssues(issues, 'items')} onChange={(v) => update({ items: v })} />
      <NumberField name="concurrency" label="Concurrency" min={1} max={20} value={num(config.concurrency, 1)}
        errors={fieldIssues(issues, 'concurrency')} onChange={(v) => update({ concurrency: v })} />
    </>
  );
}
