import { useState } from 'react';
import { Field } from '../inspector/fields';
import { useConnections, useKindSpecs, type ConnectionKind } from './api';
import { installationConnectionRef, useIntegrationConnections } from './useIntegrationConnections';
import './connections.css';

const REFERENCE = '__reference__';

/**
 * Chooses the connection a block uses. In a base workflow of an integration the first choices are
 * the integration's required connections ("Customer's NetSuite account"): each installation binds
 * its own, so the block stores a reference rather than one customer's credentials. Saved
 * connections follow; another `{{ }}` reference can still be typed for unusual cases.
 */
export function ConnectionPicker(props: { kind: ConnectionKind | readonly ConnectionKind[]; value: string; onChange(id: string): void; errors?: readonly string[]; optional?: boolean }) {
  const kinds: readonly ConnectionKind[] = typeof props.kind === 'string' ? [props.kind] : props.kind;
  const { list: all, loading, error, reload } = useConnections();
  const list = all.filter((c) => kinds.includes(c.kind));
  const required = useIntegrationConnections().filter((r) => kinds.includes(r.kind));
  const requiredRefs = new Map(required.map((r) => [installationConnectionRef(r.key), r] as const));
  const isRequiredRef = requiredRefs.has(props.value.trim()) || [...requiredRefs.keys()].some((k) => k.replace(/\s/g, '') === props.value.replace(/\s/g, ''));
  const isReference = props.value.includes('{{') && !isRequiredRef;
  const specs = useKindSpecs().specs;
  const [typing, setTyping] = useState(isReference);
  const known = list.some((c) => c.id === props.value);
  const normalised = isRequiredRef ? ([...requiredRefs.keys()].find((k) => k.replace(/\s/g, '') === props.value.replace(/\s/g, '')) ?? props.value) : props.value;
  const selectValue = typing || isReference ? REFERENCE : normalised;
  const noun = kinds.map((k) => specs.find((x) => x.kind === k)?.label ?? k).join(' or ');
  return (
    <Field label={props.optional ? 'Connection (optional)' : 'Connection'} errors={[...(error ? [error] : []), ...(props.errors ?? [])]}
      hint={<>{list.length === 0 && required.length === 0 && !loading ? `No ${noun} connection yet. ` : null}<a href="#/connections">Manage connections</a></>}>
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
            <option value="">{loading ? 'Loading…' : props.optional ? 'None' : 'Choose a connection…'}</option>
            {required.length > 0 ? (
              <optgroup label="This integration's connections (each customer's own)">
                {required.map((r) => <option key={r.key} value={installationConnectionRef(r.key)}>{r.label}</option>)}
              </optgroup>
            ) : null}
            <optgroup label="Saved connections">
              {list.map((c) => (
                <option key={c.id} value={c.id}>{c.name}{c.installationId ? ' (installation)' : ''}</option>
              ))}
            </optgroup>
            {props.value && !known && !isReference && !isRequiredRef && !loading ? <option value={props.value}>Unknown connection (deleted?)</option> : null}
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
