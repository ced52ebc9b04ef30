import { useEffect } from 'react';
import type { WorkflowStore } from '../store/workflowStore';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Editor shortcuts. While the user types in a field, the field keeps its own undo, copy and
 * delete; only Ctrl+S is global. Copy also yields to a text selection (e.g. in the run panel).
 */
export function useShortcuts(store: WorkflowStore, handlers: { save(): void; flash(message: string): void }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        handlers.save();
        return;
      }
      if (isTyping(e.target) || document.querySelector('[aria-modal="true"]')) return;
      const a = store.getState().actions;
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) a.redo();
        else a.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        a.redo();
      } else if (mod && key === 'c') {
        if ((window.getSelection()?.toString() ?? '') !== '') return;
        const n = a.copySelection();
        if (n > 0) handlers.flash(`Copied ${n} block${n === 1 ? '' : 's'}`);
      } else if (mod && key === 'v') {
        e.preventDefault();
        const n = a.paste();
        if (n > 0) handlers.flash(`Pasted ${n} block${n === 1 ? '' : 's'}`);
      } else if (mod && key === 'a') {
        e.preventDefault();
        const doc = store.getState().doc;
        a.select({ blocks: doc.blocks.map((b) => b.id), edges: doc.edges.map((x) => x.id) });
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const sel = store.getState().selection;
        if (sel.blocks.length + sel.edges.length === 0) return;
        e.preventDefault();
        a.deleteSelection();
      } else if (e.key === 'Escape') {
        a.select({ blocks: [], edges: [] });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, handlers]);
}
