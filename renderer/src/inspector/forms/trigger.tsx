import { NumberField, SelectField, TextField } from '../fields';
import { fieldIssues, num, str, type FormProps } from '../types';

const types = [
  { value: 'manual', label: 'Manual (Run button, CLI)' },
  { value: 'install', label: 'On install' },
  { value: 'upgrade', label: 'On upgrade (moving to a newer release)' },
  { value: 'schedule', label: 'Schedule / poll' },
  { value: 'webhook', label: 'Webhook' },
] as const;
type TriggerType = (typeof types)[number]['value'];

function triggerType(v: unknown): TriggerType {
  return types.find((t) => t.value === v)?.value ?? 'manual';
}

export function TriggerForm({ config, update, issues }: FormProps) {
  const type = triggerType(config.type);
  const useCron = typeof config.cron === 'string';
  return (
    <>
      <SelectField name="type" label="Starts" value={type} options={types} errors={fieldIssues(issues, 'type')}
        onChange={(v) => update(v === 'schedule' ? { type: v, intervalSeconds: num(config.intervalSeconds, 300) } : { type: v })} />
      {type === 'schedule' ? (
        <>
          <SelectField name="scheduleMode" label="Schedule by" value={useCron ? 'cron' : 'interval'}
            options={[{ value: 'interval', label: 'Interval' }, { value: 'cron', label: 'Cron expression' }] as const}
            onChange={(v) => update(v === 'cron' ? { cron: '*/15 * * * *', intervalSeconds: undefined } : { cron: undefined, intervalSeconds: 300 })} />
          {useCron ? (
            <TextField name="cron" label="Cron" mono value={str(config.cron)} hint="minute hour day month weekday, e.g. */15 * * * *"
              errors={fieldIssues(issues, 'cron')} onChange={(v) => update({ cron: v })} />
          ) : (
            <NumberField name="intervalSeconds" label="Every (seconds)" min={10} value={num(config.intervalSeconds, 300)}
              errors={fieldIssues(issues, 'intervalSeconds')} onChange={(v) => update({ intervalSeconds: v })} />
          )}
        </>
      ) : null}
      <p className="form-note">
        The run's input is available to later blocks as <code>{'{{ trigger.input }}'}</code>, e.g. <code>{'{{ trigger.input.orderId }}'}</code>.
      </p>
    </>
  );
}
