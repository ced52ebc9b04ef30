import { useEffect } from 'react';
import type { Transport } from '../client';
import { handleRunEvent, refreshRun } from '../store/runs';
import type { WorkflowStore } from '../store/workflowStore';

/** Feeds engine events into the run panel; on finish, re-reads the run to fill any gaps. */
export function useRunEvents(store: WorkflowStore, client: Transport): void {
  useEffect(
    () =>
      client.subscribe((event) => {
        handleRunEvent(store, event);
        if (event.type === 'run.finished' && event.run.id === store.getState().run.runId) {
          refreshRun(store, client, event.run.id).catch(() => undefined);
        }
      }),
    [store, client],
  );
}
