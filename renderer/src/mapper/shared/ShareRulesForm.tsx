import { useState } from 'react';
import { errorMessage } from '../../client';
import { useClient } from '../../client/context';
import type { MappingRule } from '../rules';
import { completeRules } from './sharedMappings';

/** Turns a block's inline rules into a shared mapping of the integration, so other workflows can name it. */
export function ShareRulesForm(props: { integrationId: string; rules: readonly MappingRule[]; taken: readonly string[]; onShared(name: string): void }) {
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editing) {
    return (
      <button type="button" className="small" data-testid="share-mapping" onClick={() => setEditing(true)}>
        Share as a mapping…
      </button>
    );
  }
  const trimmed = name.trim();
  const clash = props.taken.includes(trimmed);
  const create = () => {
    setBusy(true);
    setError(null);
    client
      .call('mappings.create', { integrationId: props.integrationId, name: trimmed, rules: completeRules(props.rules) })
      .then((m) => {
        setEditing(false);
        props.onShared(m.name);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="inline-form" data-testid="share-mapping-form">
      <input aria-label="Mapping name" data-testid="share-mapping-name" value={name} placeholder="e.g. NetSuite purchase order → Your App order"
        onChange={(e) => setName(e.target.value)} />
      <button type="button" className="primary small" data-testid="share-mapping-create" disabled={busy || trimmed === '' || clash} onClick={create}>Create</button>
      <button type="button" className="small" onClick={() => setEditing(false)}>Cancel</button>
      {clash ? <div className="field-error" role="alert">The integration already has a mapping named “{trimmed}”.</div> : null}
      {error ? <div className="field-error" role="alert">{error}</div> : null}
    </div>
  );
}
