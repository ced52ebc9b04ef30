import { useState } from 'react';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { useWorkflow, useWorkflowStoreApi } from '../store/context';
import { reloadWorkflow, saveWorkflow } from '../store/save';

/** Shown when a save was refused because the workflow changed elsewhere (`rev_conflict`). */
export function ConflictBanner() {
  const store = useWorkflowStoreApi();
  const client = useClient();
  const conflict = useWorkflow((s) => s.save.conflict);
  const saveError = useWorkflow((s) => s.save.error);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    fn()
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  if (conflict) {
    return (
      <div className="banner banner-warn" role="alert" data-testid="conflict-banner">
        <span>
          <b>Not saved.</b> {conflict.message} Reload to get the current version (your unsaved edits are dropped), or overwrite it with
          yours.
        </span>
        <span className="banner-actions">
          <button type="button" disabled={busy} data-testid="conflict-reload" onClick={() => act(() => reloadWorkflow(store, client))}>
            Reload
          </button>
          <button type="button" disabled={busy} className="danger" data-testid="conflict-overwrite"
            onClick={() => act(() => saveWorkflow(store, client, { overwrite: true }))}>
            Overwrite with mine
          </button>
        </span>
        {error ? <span className="field-error">{error}</span> : null}
      </div>
    );
  }
  if (saveError) {
    return (
      <div className="banner banner-error" role="alert" data-testid="save-error">
        <span><b>Not saved.</b> {saveError}</span>
        <span className="banner-actions">
          <button type="button" disabled={busy} onClick={() => act(() => saveWorkflow(store, client))}>Try again</button>
        </span>
      </div>
    );
  }
  return null;
}
