import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { WorkflowSummary } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { WorkflowRow, type RowActions } from './WorkflowRow';
import { useCan } from '../session/context';

/** The start page: every workflow, and a form to create one. */
export function WorkflowList({ onOpen }: { onOpen(id: string): void }) {
  const client = useClient();
  const can = useCan();
  const [items, setItems] = useState<WorkflowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  const load = useCallback(async () => {
    try {
      const list = await client.call('workflows.list', {});
      setItems([...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const guard = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    }
    await load();
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim() || 'Untitled workflow';
    void guard(async () => {
      // New workflows start empty: the user drags the Trigger in first, like every other block.
      const rec = await client.call('workflows.create', { name: n, doc: { name: n, blocks: [], edges: [], notes: '' } });
      setName('');
      onOpen(rec.id);
    });
  };

  const actions: RowActions = {
    open: onOpen,
    rename: (id, newName) => guard(() => client.call('workflows.rename', { id, name: newName })),
    duplicate: (id) => guard(() => client.call('workflows.duplicate', { id })),
    remove: (id) => guard(() => client.call('workflows.delete', { id })),
  };

  return (
    <main className="list-page" data-testid="workflow-list">
      <header className="list-header">
        <h1>Workflows</h1>
      </header>
      {can('workflows.create') ? <form className="create-form" onSubmit={create}>
        <input aria-label="New workflow name" data-testid="new-workflow-name" placeholder="New workflow name, e.g. Listen for New Orders"
          value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <button type="submit" className="primary" data-testid="create-workflow">New workflow</button>
      </form> : null}
      {error ? <div className="banner banner-error" role="alert" data-testid="list-error">{error}</div> : null}
      {items === null ? (
        <p className="empty-note">Loading…</p>
      ) : items.length === 0 ? (
        <p className="empty-note" data-testid="no-workflows">No workflows yet. Name one above and press “New workflow”.</p>
      ) : (
        <table className="workflow-table">
          <thead>
            <tr><th>Name</th><th className="num">Blocks</th><th className="num">Rev</th><th>Updated</th><th /></tr>
          </thead>
          <tbody>
            {items.map((wf) => <WorkflowRow key={`${wf.id}:${wf.name}`} wf={wf} actions={actions} />)}
          </tbody>
        </table>
      )}
    </main>
  );
}
