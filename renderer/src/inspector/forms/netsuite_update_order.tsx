import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { TextField } from '../fields';
import { KeyValueField } from '../structured';
import { fieldIssues, strRecord, type FormProps } from '../types';

function idText(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
}

/** `null` in a value cell clears the field in NetSuite; anything else is sent as typed (references resolve at run time). */
function toFields(rec: Readonly<Record<string, string>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = v.trim() === 'null' ? null : v;
  return out;
}

/** NetSuite › Update Purchase Order: PATCH chosen body fields. */
export function NetsuiteUpdateOrderForm({ config, update, issues }: FormProps) {
  return (
    <>
      <ConnectionPicker kind="netsuite" value={idText(config.connectionId)} errors={fieldIssues(issues, 'connectionId')}
        onChange={(v) => update({ connectionId: v })} />
      <TextField name="id" label="Internal id" mono value={idText(config.id)} placeholder="{{ item.netsuite_id }}" errors={fieldIssues(issues, 'id')}
        onChange={(v) => update({ id: v })} />
      <KeyValueField name="fields" label="Fields" value={strRecord(config.fields)} errors={fieldIssues(issues, 'fields')}
        keyPlaceholder="custbody_tracking_number" valuePlaceholder="{{ trigger.input.tracking_number }}" onChange={(v) => update({ fields: toFields(v) })} />
      <label className="inline-check">
        <input type="checkbox" data-testid="field-replaceLines" checked={config.replaceLines === true} onChange={(e) => update({ replaceLines: e.target.checked })} />
        Replace the item lines instead of merging them
      </label>
      <p className="form-note">
        Only these fields change (PATCH); <code>null</code> clears one. In a test run the block shows the exact request instead of sending it.
      </p>
    </>
  );
}
