import { useEffect } from 'react';
import type { Transport } from '../client';
import { saveWorkflow } from '../store/save';
import type { WorkflowStore } from '../store/workflowStore';

/**
 * Drafts save themselves a moment after the last edit. A conflict or a failed save stops
 * autosave until the user acts (reload, overwrite, or save by hand).
 */
export function useAutosave(store: WorkflowStore, client: Transport, delayMs = 1500): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const s = store.getState();
        if (s.doc === s.savedDoc || s.save.status !== 'idle') return;
        void saveWorkflow(store, client).then(() => {
          const after = store.getState();
          if (after.doc !== after.savedDoc && after.save.status === 'idle') schedule();
        });
      }, delayMs);
    };
    const unsub = store.subscribe((s, prev) => {
      if (s.doc !== prev.doc && s.doc !== s.savedDoc) schedule();
    });
    const onUnload = (e: BeforeUnloadEvent) => {
      const s = store.getState();
      if (s.doc !== s.savedDoc) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      clearTimeout(timer);
      unsub();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [store, client, delayMs]);
}
