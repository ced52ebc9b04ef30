import { useState } from 'react';
import type { RunRecord } from '../../../../engine/api';
import { useClient } from '../../client/context';
import { useAction } from '../useLoad';

/** "Keep as golden records" on a finished run: a few of the records it fetched, with every block's output for them. */
export function KeepGoldenForm(props: { run: RunRecord; onKept?(): void }) {
  const client = useClient();
  const action = useAction();
  const [name, setName] = useState('');
  const [limit, setLimit] = useState(5);
  const [kept, setKept] = useState<string | null>(null);
  // Golden records belong to an installation: runs of a draft on its own have none to keep.
  if (props.run.status !== 'succeeded' || !props.run.installationId) return null;
  const keep = () =>
    void action.run(() => client.call('golden.keep', { runId: props.run.id, limit, ...(name.trim() ? { name: name.trim() } : {}) })).then((set) => {
      if (!set) return;
      setKept(`Kept ${set.recordKeys.length} golden record(s): ${set.recordKeys.join(', ')}`);
      props.onKept?.();
    });
  return (
    <div className="inline-form keep-golden" data-testid="keep-golden">
      <input aria-label="Golden records name" placeholder="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} />
      <label>
        Records <input type="number" aria-label="How many records" min={1} max={50} value={limit} onChange={(e) => setLimit(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} />
      </label>
      <button type="button" data-testid="keep-golden-button" disabled={action.busy} onClick={keep}>
        {action.busy ? 'Keeping…' : 'Keep as golden records'}
      </button>
      {kept ? <span className="muted" role="status" data-testid="keep-golden-done">{kept}</span> : null}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
    </div>
  );
}
