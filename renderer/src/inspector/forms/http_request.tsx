import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { NumberField, SelectField, TextField } from '../fields';
import { JsonField, KeyValueField } from '../structured';
import { fieldIssues, num, str, strRecord, type FormProps } from '../types';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type HttpMethod = (typeof methods)[number];

function httpMethod(v: unknown): HttpMethod {
  return methods.find((m) => m === v) ?? 'GET';
}

export function HttpRequestForm({ config, update, issues }: FormProps) {
  const method = httpMethod(config.method);
  return (
    <>
      <div className="field-row">
        <SelectField name="method" label="Method" value={method} options={methods} errors={fieldIssues(issues, 'method')}
          onChange={(v) => update({ method: v })} />
        <TextField name="url" label="URL" mono value={str(config.url)} placeholder="https://api.example.com/orders/{{ trigger.input.id }}"
          errors={fieldIssues(issues, 'url')} onChange={(v) => update({ url: v })} />
      </div>
      <KeyValueField name="query" label="Query parameters" value={strRecord(config.query)} errors={fieldIssues(issues, 'query')}
        onChange={(v) => update({ query: v })} />
      <KeyValueField name="headers" label="Headers" value={strRecord(config.headers)} errors={fieldIssues(issues, 'headers')}
        keyPlaceholder="Header-Name" onChange={(v) => update({ headers: v })} />
      {method !== 'GET' && method !== 'DELETE' ? (
        <JsonField name="body" label="JSON body" value={config.body} errors={fieldIssues(issues, 'body')}
          hint={<>Any JSON; strings may contain references such as <code>{'"{{ steps.fetch.output.body.id }}"'}</code>.</>}
          onChange={(v) => update({ body: v })} />
      ) : null}
      <NumberField name="timeoutMs" label="Timeout (ms)" min={1} value={num(config.timeoutMs, 30000)} errors={fieldIssues(issues, 'timeoutMs')}
        onChange={(v) => update({ timeoutMs: v })} />
      <ConnectionPicker kind={['your_app', 'http']} optional value={str(config.connectionId)} errors={fieldIssues(issues, 'connectionId')}
        onChange={(v) => update({ connectionId: v === '' ? undefined : v })} />
      <p className="form-note">
        Output: <code>status</code>, <code>headers</code> and the parsed <code>body</code>. A non-2xx answer fails the step.
      </p>
    </>
  );
}
