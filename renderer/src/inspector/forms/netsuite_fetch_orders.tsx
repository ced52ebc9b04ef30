import { useState } from 'react';
import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { NumberField, SelectField, TextField } from '../fields';
import { fieldIssues, num, str, type FormProps } from '../types';

const strategies = [
  { value: 'suiteql', label: 'SuiteQL pages (fast: 1,000 orders a request)' },
  { value: 'record', label: 'Record API (one request per order)' },
] as const;
type Strategy = (typeof strategies)[number]['value'];

function strategy(v: unknown): Strategy {
  return v === 'record' ? 'record' : 'suiteql';
}

type FetchMode = 'all' | 'watermark' | 'since';
const fetchModes: readonly { value: FetchMode; label: string }[] = [
  { value: 'all', label: 'All purchase orders' },
  { value: 'watermark', label: 'Changed since the last successful run (kept watermark)' },
  { value: 'since', label: 'Modified since a date or reference' },
];

/** NetSuite › Fetch Purchase Orders: every order, or those modified since a watermark. */
export function NetsuiteFetchOrdersForm({ config, update, issues }: FormProps) {
  const since = str(config.modifiedSince);
  const keep = config.keepWatermark === true;
  // The mode is the user's choice, so clearing the date while typing does not hide its field.
  const [sinceMode, setSinceMode] = useState(since !== '');
  const mode: FetchMode = keep ? 'watermark' : sinceMode ? 'since' : 'all';
  const limit = typeof config.limit === 'number' ? config.limit : null;
  return (
    <>
      <ConnectionPicker kind="netsuite" value={str(config.connectionId)} errors={fieldIssues(issues, 'connectionId')}
        onChange={(v) => update({ connectionId: v })} />
      <SelectField name="fetchMode" label="Orders" value={mode} options={fetchModes}
        onChange={(v) => {
          setSinceMode(v === 'since');
          update(v === 'since' ? { keepWatermark: false } : { keepWatermark: v === 'watermark', modifiedSince: '' });
        }} />
      {mode === 'watermark' ? (
        <p className="form-note">Each successful run stores the newest change it delivered; the next run reads from there. Test syncs never move it.</p>
      ) : null}
      {mode === 'since' ? (
        <TextField name="modifiedSince" label="Modified since" mono value={since} placeholder="2025-01-01T00:00:00Z or {{ vars.watermark }}"
          hint={<>An ISO date-time or a reference. The output&apos;s <code>watermark</code> is the value to store for the next poll.</>}
          errors={fieldIssues(issues, 'modifiedSince')} onChange={(v) => update({ modifiedSince: v })} />
      ) : null}
      {mode !== 'all' ? (
        <NumberField name="overlapMinutes" label="Overlap (minutes re-read before the watermark)" min={0} max={10080}
          value={num(config.overlapMinutes, 0)} errors={fieldIssues(issues, 'overlapMinutes')} onChange={(v) => update({ overlapMinutes: v })} />
      ) : null}
      <SelectField name="strategy" label="Read with" value={strategy(config.strategy)} options={strategies} errors={fieldIssues(issues, 'strategy')}
        onChange={(v) => update({ strategy: v })} />
      <NumberField name="pageSize" label="Page size" min={1} max={1000} value={num(config.pageSize, 1000)} errors={fieldIssues(issues, 'pageSize')}
        onChange={(v) => update({ pageSize: v })} />
      <label className="inline-check">
        <input type="checkbox" data-testid="field-streamPages" checked={config.streamPages !== false} onChange={(e) => update({ streamPages: e.target.checked })} />
        Run the next blocks page by page
      </label>
      <p className="form-note">
        {config.streamPages !== false
          ? 'Each page is mapped and delivered before the next is read: memory stays flat, progress shows per page, and a resumed or cancelled run continues after the last delivered page.'
          : 'Every order is read first and handed on as one list (for blocks that need them all at once).'}
      </p>
      <label className="inline-check">
        <input type="checkbox" data-testid="field-hasLimit" checked={limit !== null} onChange={(e) => update({ limit: e.target.checked ? 10 : undefined })} />
        Stop after a number of orders
      </label>
      {limit !== null ? (
        <NumberField name="limit" label="Limit" min={1} value={limit} errors={fieldIssues(issues, 'limit')} onChange={(v) => update({ limit: v })} />
      ) : null}
      <p className="form-note">
        Output: <code>orders</code> (record-API shape, lines under <code>item.items</code>), <code>count</code>, <code>watermark</code>.
      </p>
    </>
  );
}
