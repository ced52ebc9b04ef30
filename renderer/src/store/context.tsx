import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkflowState } from './types';
import type { WorkflowStore } from './workflowStore';

const StoreContext = createContext<WorkflowStore | null>(null);

export function WorkflowStoreProvider({ store, children }: { store: WorkflowStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useWorkflowStoreApi(): WorkflowStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useWorkflow outside <WorkflowStoreProvider>');
  return s;
}

/** The open workflow's store, or null outside an editor (e.g. a form rendered on its own). */
export function useMaybeWorkflowStoreApi(): WorkflowStore | null {
  return useContext(StoreContext);
}

/** Reads the open workflow's store through a selector (re-renders only when the slice changes). */
export function useWorkflow<T>(selector: (s: WorkflowState) => T): T {
  return useStore(useWorkflowStoreApi(), selector);
}

export function useActions(): WorkflowState['actions'] {
  return useStore(useWorkflowStoreApi(), (s) => s.actions);
}
