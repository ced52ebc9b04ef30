import { useCallback, useState, type FormEvent } from 'react';
import { useClient } from '../client/context';
import { useAction, useLoad } from '../installations/useLoad';
import { readRules } from '../mapper/rules';
import { SharedMappingRules } from '../mapper/shared/SharedMappingRules';
import type { SharedMappingEntry } from '../mapper/shared/sharedMappings';

/**
 * The integration's shared mappings (drafts): Map Fields blocks of its workflows pick them by name,
 * and they are released together with the workflows.
 */
export function SharedMappingsCard({ integrationId }: { integrationId: string }) {
  const client = useClient();
  const list = useLoad(useCallback(() => client.call('mappings.list', { integrationId }), [client, integrationId]));
  const action = useAction();
  const [name, setName] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const entries: SharedMappingEntry[] = (list.data ?? []).map((m) => ({
    name: m.name, mappingId: m.id, kind: 'draft', editId: m.id, rev: m.rev, version: null, rules: readRules(m.doc.rules), updateAvailable: false,
  }));
  const open = entries.find((e) => e.mappingId === openId) ?? null;
  const create = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void action.run(() => client.call('mappings.create', { integrationId, name: trimmed })).then((m) => {
      if (!m) return;
      setName('');
      setOpenId(m.id);
      void list.reload();
    });
  };
  return (
    <section className="card" aria-labelledby="mappings-title" data-testid="integration-mappings">
      <h2 id="mappings-title">Shared mappings</h2>
      <p className="form-note">Map Fields blocks pick a mapping by name, so every workflow maps alike; each installation may customise it once for its customer.</p>
      {list.error ? <div className="banner banner-error" role="alert">{list.error}</div> : null}
      {entries.length === 0 ? <p className="empty-note">No shared mappings yet.</p> : (
        <table className="workflow-table compact">
          <thead><tr><th>Name</th><th className="num">Rules</th><th className="num">Draft rev</th><th /></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.mappingId} data-testid={`integration-mapping-${e.mappingId}`}>
                <td>{e.name}</td>
                <td className="num">{e.rules.length}</td>
                <td className="num">{e.rev}</td>
                <td className="row-actions"><button type="button" className="small" data-testid="integration-mapping-open" onClick={() => setOpenId(e.mappingId)}>Rules</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <SharedMappingRules key={`${open.mappingId}:${open.rev}`} entry={open} installationId={null} onChanged={() => void list.reload()} />
      ) : null}
      <form className="inline-form" onSubmit={create}>
        <input aria-label="New mapping name" data-testid="new-mapping-name" placeholder="NetSuite purchase order → Your App order" value={name}
          maxLength={200} onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="create-mapping" disabled={action.busy || name.trim() === ''}>Add mapping</button>
      </form>
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
    </section>
  );
}
