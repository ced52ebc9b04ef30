import { useEffect } from 'react';
import type { EngineEvent } from '../../../engine/api';
import type { Transport } from '../client';
import { handleRunEvents, refreshRun } from '../store/runs';
import type { WorkflowStore } from '../store/workflowStore';

/** How long events gather before the panel updates: a For Each can emit thousands a second. */
const BATCH_MS = 50;

/** Feeds engine events into the run panel; on finish, re-reads the run to fill any gaps. */
export function useRunEvents(store: WorkflowStore, client: Transport): void {
  useEffect(() => {
    let queue: EngineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = queue;
      queue = [];
      handleRunEvents(store, batch);
      const current = store.getState().run.runId;
      if (batch.some((e) => e.type === 'run.finished' && e.run.id === current) && current) {
        refreshRun(store, client, current).catch(() => undefined);
      }
    };
    const unsubscribe = client.subscribe((event) => {
      queue.push(event);
      timer ??= setTimeout(flush, BATCH_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, client]);
}
