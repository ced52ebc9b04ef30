import { useState } from 'react';
import type { WorkflowSummary } from '../../../engine/api';
import { formatTime } from '../runs/format';
import { useCan } from '../session/context';

export interface RowActions {
  open(id: string): void;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

function formatUpdated(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === new Date().toDateString() ? formatTime(iso) : d.toLocaleDateString();
}

/** One workflow in the list, with inline rename and a two-step delete. */
export function WorkflowRow({ wf, actions }: { wf: WorkflowSummary; actions: RowActions }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(wf.name);
  const [confirming, setConfirming] = useState(false);
  const can = useCan();
  const commit = () => {
    const next = name.trim();
    setRenaming(false);
    if (next && next !== wf.name) void actions.rename(wf.id, next);
    else setName(wf.name);
  };
  return (
    <tr data-testid={`workflow-row-${wf.id}`} className="workflow-row">
      <td className="workflow-name-cell">
        {renaming ? (
          <input
            autoFocus
            aria-label="Workflow name"
            data-testid="rename-input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') {
                setName(wf.name);
                setRenaming(false);
              }
            }}
          />
        ) : (
          <button type="button" className="link-button workflow-open" data-testid="workflow-open" onClick={() => actions.open(wf.id)}>
            {wf.name}
          </button>
        )}
      </td>
      <td className="num">{wf.blockCount}</td>
      <td className="num">{wf.rev}</td>
      <td>{formatUpdated(wf.updatedAt)}</td>
      <td className="row-actions">
        {confirming ? (
          <>
            <span className="confirm-text">Delete “{wf.name}”?</span>
            <button type="button" className="danger small" data-testid="confirm-delete" onClick={() => void actions.remove(wf.id)}>Delete</button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>Keep</button>
          </>
        ) : (
          <>
            {can('workflows.rename') ? <button type="button" className="small" data-testid="rename" onClick={() => setRenaming(true)}>Rename</button> : null}
            {can('workflows.duplicate') ? <button type="button" className="small" data-testid="duplicate" onClick={() => void actions.duplicate(wf.id)}>Duplicate</button> : null}
            {can('workflows.delete') ? <button type="button" className="small" data-testid="delete" onClick={() => setConfirming(true)}>Delete</button> : null}
          </>
        )}
      </td>
    </tr>
  );
}
