import { ConnectionPicker } from '../../connections/ConnectionPicker';
import { TextField } from '../fields';
import { fieldIssues, type FormProps } from '../types';

function idText(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
}

/** NetSuite › Get Purchase Order: one order by internal id. */
export function NetsuiteGetOrderForm({ config, update, issues }: FormProps) {
  return (
    <>
      <ConnectionPicker kind="netsuite" value={idText(config.connectionId)} errors={fieldIssues(issues, 'connectionId')}
        onChange={(v) => update({ connectionId: v })} />
      <TextField name="id" label="Internal id" mono value={idText(config.id)} placeholder="1042 or {{ item.id }}" errors={fieldIssues(issues, 'id')}
        onChange={(v) => update({ id: v })} />
      <p className="form-note">Output: the purchase order with its lines (<code>item.items</code>).</p>
    </>
  );
}
