import type { RequiredConnection } from '../../../engine/api/methods/integrations';

import { connectionKinds, isConnectionKind, kindLabel } from '../catalog/connectionKinds';

export { kindLabel };

/** Rows of key / kind / label: the credentials every installation must connect before installing. */
export function RequiredConnectionsEditor(props: { value: readonly RequiredConnection[]; onChange(v: RequiredConnection[]): void }) {
  const rows = props.value;
  const set = (i: number, patch: Partial<RequiredConnection>) => props.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="req-connections" data-testid="required-connections">
      {rows.map((r, i) => (
        <div className="req-connection-row" key={i}>
          <input aria-label={`Connection ${i + 1} key`} className="mono" placeholder="netsuite" value={r.key}
            onChange={(e) => set(i, { key: e.target.value })} />
          <select aria-label={`Connection ${i + 1} kind`} value={r.kind}
            onChange={(e) => {
              if (isConnectionKind(e.target.value)) set(i, { kind: e.target.value });
            }}>
            {connectionKinds().map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
          <input aria-label={`Connection ${i + 1} label`} placeholder="Customer NetSuite account" value={r.label}
            onChange={(e) => set(i, { label: e.target.value })} />
          <button type="button" className="icon-button" title="Remove" onClick={() => props.onChange(rows.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" className="small" data-testid="add-required-connection"
        onClick={() => props.onChange([...rows, { key: rows.length === 0 ? 'netsuite' : `connection_${rows.length + 1}`, kind: 'netsuite', label: '' }])}>
        + Required connection
      </button>
    </div>
  );
}
