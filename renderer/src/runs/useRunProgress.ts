import { useEffect, useState } from 'react';
import type { EngineEvent, RunRecord } from '../../../engine/api';
import type { Transport } from '../client';

export type RunProgressEvent = Extract<EngineEvent, { type: 'run.progress' }>;

export interface RunProgress {
  readonly run: RunRecord | null;
  readonly progress: RunProgressEvent;
}

/**
 * The latest progress of every run in progress, from the event stream (a paged fetch reports
 * after each page, a long For Each twice a second); a run drops out when it finishes.
 */
export function useRunProgress(client: Transport): ReadonlyMap<string, RunProgress> {
  const [byRun, setByRun] = useState<ReadonlyMap<string, RunProgress>>(new Map());
  useEffect(() => {
    const runs = new Map<string, RunRecord>();
    return client.subscribe((event) => {
      if (event.type === 'run.started') runs.set(event.run.id, event.run);
      else if (event.type === 'run.progress') {
        setByRun((cur) => new Map(cur).set(event.runId, { run: runs.get(event.runId) ?? cur.get(event.runId)?.run ?? null, progress: event }));
      } else if (event.type === 'run.finished') {
        runs.delete(event.run.id);
        setByRun((cur) => {
          if (!cur.has(event.run.id)) return cur;
          const next = new Map(cur);
          next.delete(event.run.id);
          return next;
        });
      }
    });
  }, [client]);
  return byRun;
}
