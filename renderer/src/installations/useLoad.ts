import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../client';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** Fetches again; the old data stays on screen until the answer arrives. */
  reload(): Promise<void>;
}

/**
 * Loads something from the engine when `load` changes (callers memoise it with useCallback).
 * Answers that arrive after a newer request, or after unmount, are dropped.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const value = await load();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    }
  }, [load]);
  useEffect(() => {
    void reload();
    return () => {
      seq.current += 1;
    };
  }, [reload]);
  return { data, error, reload };
}

export interface Action {
  readonly busy: boolean;
  readonly error: string | null;
  /** Runs an engine call, showing its refusal message; resolves to undefined when it failed. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** Busy flag and error message for buttons that call the engine. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
