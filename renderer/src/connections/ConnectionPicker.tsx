import { useState } from 'react';
import { Field } from '../inspector/fields';
import { useConnections, useKindSpecs, type ConnectionKind } from './api';
import './connections.css';

const REFERENCE = '__reference__';

/**
 * Chooses a saved connection of one kind for a block. A `{{ }}` reference (for example a value
 * from the installation's config) can be typed instead, for workflows installed per customer.
 */
export function ConnectionPicker(props: { kind: ConnectionKind; value: string; onChange(id: string): void; errors?: readonly string[] }) {
  const { list, loading, error, reload } = useConnections(props.kind);
  const label = useKindSpecs().specs.find((k) => k.kind === props.kind)?.label ?? props.kind;
  const isReference = props.value.includes('{{');
  const [typing, setTyping] = useState(isReference);
  const known = list.some((c) => c.id === props.value);
  const selectValue = typing || isReference ? REFERENCE : props.value;
  return (
    <Field label="Connection" errors={[...(error ? [error] : []), ...(props.errors ?? [])]}
      hint={<>{list.length === 0 && !loading ? `No ${label} connection yet. ` : null}<a href="#/connections">Manage connections</a></>}>
      {(id) => (
        <div className="connection-picker">
          <select id={id} data-testid="field-connectionId" value={selectValue}
            onFocus={reload}
            onChange={(e) => {
              if (e.target.value === REFERENCE) {
                setTyping(true);
                return;
              }
              setTyping(false);
              props.onChange(e.target.value);
            }}>
            <option value="">{loading ? 'Loading…' : 'Choose a connection…'}</option>
            {list.map((c) => (
              <option key={c.id} value={c.id}>{c.name}{c.installationId ? ' (installation)' : ''}</option>
            ))}
            {props.value && !known && !isReference && !loading ? <option value={props.value}>{`Unknown: ${props.value}`}</option> : null}
            <option value={REFERENCE}>Reference…</option>
          </select>
          {typing || isReference ? (
            <input className="mono" aria-label="Connection reference" data-testid="field-connectionRef" value={props.value}
              placeholder="{{ installation.config.netsuiteConnection }}" onChange={(e) => props.onChange(e.target.value)} />
          ) : null}
        </div>
      )}
    </Field>
  );
}
