import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { TextField } from '../fields';
import { JsonField } from '../structured';
import { fieldIssues, type FormProps } from '../types';

function text(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
}

/** NetSuite › Upsert by External ID: PUT purchaseOrder/eid:<id> creates or updates. */
export function NetsuiteUpsertOrderForm({ config, update, issues }: FormProps) {
  return (
    <>
      <ConnectionPicker kind="netsuite" value={text(config.connectionId)} errors={fieldIssues(issues, 'connectionId')}
        onChange={(v) => update({ connectionId: v })} />
      <TextField name="externalId" label="External id" mono value={text(config.externalId)} placeholder="{{ item.external_order_id }}"
        errors={fieldIssues(issues, 'externalId')} onChange={(v) => update({ externalId: v })} />
      <JsonField name="fields" label="Purchase order body" rows={8} value={config.fields ?? {}} errors={fieldIssues(issues, 'fields')}
        hint={<>e.g. <code>{'{ "entity": { "id": "512" }, "memo": "{{ item.memo }}" }'}</code>; strings may hold references.</>}
        onChange={(v) => update({ fields: v ?? {} })} />
      <label className="inline-check">
        <input type="checkbox" data-testid="field-replaceLines" checked={config.replaceLines === true} onChange={(e) => update({ replaceLines: e.target.checked })} />
        Replace the item lines instead of merging them
      </label>
      <p className="form-note">Re-sending the same external id updates the same order, so a resumed run never creates it twice. Test runs show the request only.</p>
    </>
  );
}
