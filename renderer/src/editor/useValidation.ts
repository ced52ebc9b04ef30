import { useEffect } from 'react';
import type { Transport } from '../client';
import { sourceOf } from '../store/source';
import type { WorkflowStore } from '../store/workflowStore';

/** Asks the engine to validate the document shortly after each edit; stale answers are dropped. */
export function useValidation(store: WorkflowStore, client: Transport, delayMs = 250): void {
  useEffect(() => {
    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const mine = ++seq;
      const doc = store.getState().doc;
      // With its scope, the engine also checks that every mapping a Map Fields block names exists.
      const scope = sourceOf(store).mappingScope;
      const where = scope.kind === 'base' ? { workflowId: scope.workflowId } : { installationId: scope.installationId };
      client
        .call('workflows.validate', { doc, ...where })
        .then((res) => {
          if (mine === seq) store.getState().actions.setIssues(res.issues);
        })
        .catch(() => undefined); // validation is advisory; saving and running report real errors
    };
    check();
    const unsub = store.subscribe((s, prev) => {
      if (s.doc === prev.doc) return;
      clearTimeout(timer);
      timer = setTimeout(check, delayMs);
    });
    return () => {
      seq = -1;
      clearTimeout(timer);
      unsub();
    };
  }, [store, client, delayMs]);
}
