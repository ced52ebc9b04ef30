import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, type Transport } from '../../client';
import type { MappingRule } from '../rules';
import { completeRules, saveSharedMapping, type SharedMappingEntry } from './sharedMappings';

export interface SaverState {
  readonly saving: boolean;
  readonly error: string | null;
  /** Rows not stored yet because they lack a target or a source. */
  readonly unfinished: number;
}

/**
 * Autosaves a shared mapping while it is edited: a short pause after the last edit, one save at a
 * time, each from the revision the previous one produced (a save refused as stale says so).
 */
export function useMappingSaver(client: Transport, entry: SharedMappingEntry | null, onSaved?: () => void, delayMs = 400) {
  const [state, setState] = useState<SaverState>({ saving: false, error: null, unfinished: 0 });
  const rev = useRef(entry?.rev ?? 0);
  const queued = useRef<MappingRule[] | null>(null);
  const running = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  useEffect(() => {
    rev.current = entry?.rev ?? 0;
  }, [entry?.editId, entry?.rev]);

  const flush = useCallback(async (): Promise<void> => {
    if (running.current || queued.current === null || !entry) return;
    const rules = queued.current;
    queued.current = null;
    running.current = true;
    setState((s) => ({ ...s, saving: true }));
    try {
      rev.current = await saveSharedMapping(client, entry, rev.current, completeRules(rules));
      setState((s) => ({ ...s, saving: false, error: null }));
      onSavedRef.current?.();
    } catch (e) {
      setState((s) => ({ ...s, saving: false, error: errorMessage(e) }));
    } finally {
      running.current = false;
    }
    if (queued.current !== null) await flush();
  }, [client, entry]);

  const push = useCallback(
    (rules: MappingRule[]) => {
      queued.current = rules;
      setState((s) => ({ ...s, unfinished: rules.length - completeRules(rules).length }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [flush, delayMs],
  );
  /** Saves what is pending now (closing the editor should not wait for the pause). */
  const saveNow = useCallback(() => {
    clearTimeout(timer.current);
    return flush();
  }, [flush]);
  // Closing the editor or the inspector must not drop the last edit: it is saved right away.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (queued.current !== null) void flushRef.current();
    },
    [],
  );
  return { state, push, saveNow };
}
