import { useCallback, useEffect, useRef, useState } from 'react';
import type { MappingRule } from '../rules';

// Undo/redo over every mapper edit (drag, side panel, table, import, suggestions): each edit is a
// whole new rules list, so the history is a list of snapshots. Rules are immutable, so snapshots
// share everything that did not change and cost a pointer per rule.

const LIMIT = 200;
/** Keystrokes closer together than this in the same field are one undo step. */
const TYPING_PAUSE_MS = 1000;

export interface RuleHistory {
  /** `typing` names a run of keystrokes (a cell, a field) that undoes as one step. */
  apply(next: MappingRule[], typing?: string): void;
  undo(): void;
  redo(): void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface HistoryState {
  readonly past: readonly (readonly MappingRule[])[];
  readonly future: readonly (readonly MappingRule[])[];
}

export const emptyHistory: HistoryState = { past: [], future: [] };

/** Pure steps, tested on their own; the hook only wires them to the owner's onChange. */
export function record(h: HistoryState, current: readonly MappingRule[]): HistoryState {
  return { past: [...h.past.slice(-(LIMIT - 1)), current], future: [] };
}

export function stepBack(h: HistoryState, current: readonly MappingRule[]): { state: HistoryState; rules: readonly MappingRule[] } | null {
  const prev = h.past.at(-1);
  if (!prev) return null;
  return { state: { past: h.past.slice(0, -1), future: [current, ...h.future] }, rules: prev };
}

export function stepForward(h: HistoryState, current: readonly MappingRule[]): { state: HistoryState; rules: readonly MappingRule[] } | null {
  const next = h.future[0];
  if (!next) return null;
  return { state: { past: [...h.past, current], future: h.future.slice(1) }, rules: next };
}

export function useRuleHistory(rules: readonly MappingRule[], onChange: (rules: MappingRule[]) => void): RuleHistory {
  const [state, setState] = useState<HistoryState>(emptyHistory);
  const rulesRef = useRef(rules);
  rulesRef.current = rules;
  const stateRef = useRef(state);
  stateRef.current = state;
  const typingRef = useRef<{ key: string; at: number } | null>(null);
  const apply = useCallback((next: MappingRule[], typing?: string) => {
    const now = Date.now();
    const last = typingRef.current;
    const continues = typing !== undefined && last?.key === typing && now - last.at < TYPING_PAUSE_MS && stateRef.current.past.length > 0;
    typingRef.current = typing === undefined ? null : { key: typing, at: now };
    if (!continues) setState(record(stateRef.current, rulesRef.current));
    onChange(next);
  }, [onChange]);
  const undo = useCallback(() => {
    typingRef.current = null;
    const r = stepBack(stateRef.current, rulesRef.current);
    if (!r) return;
    setState(r.state);
    onChange([...r.rules]);
  }, [onChange]);
  const redo = useCallback(() => {
    const r = stepForward(stateRef.current, rulesRef.current);
    if (!r) return;
    setState(r.state);
    onChange([...r.rules]);
  }, [onChange]);
  return { apply, undo, redo, canUndo: state.past.length > 0, canRedo: state.future.length > 0 };
}

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y, except while typing (the field undoes its own text). */
export function useUndoKeys(history: RuleHistory, extra?: (e: KeyboardEvent) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
      if (typing) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) history.redo();
        else history.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        history.redo();
      } else extra?.(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, extra]);
}
