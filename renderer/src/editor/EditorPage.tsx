import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { WorkflowRecord } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../canvas/Palette';
import { Inspector } from '../inspector/Inspector';
import { RunDialog } from '../runs/RunDialog';
import { RunPanel } from '../runs/RunPanel';
import { WorkflowStoreProvider } from '../store/context';
import { startRun } from '../store/runs';
import { sourceOf } from '../store/source';
import { TestSyncDialog } from '../testsync/TestSyncDialog';
import { useIntegrationOf } from '../integrations/useIntegrationOf';
import { saveWorkflow } from '../store/save';
import { createWorkflowStore, type WorkflowStore } from '../store/workflowStore';
import { ConflictBanner } from './ConflictBanner';
import { Toolbar } from './Toolbar';
import { useAutosave } from './useAutosave';
import { useRunEvents } from './useRunEvents';
import { useShortcuts } from './useShortcuts';
import { useValidation } from './useValidation';

export interface EditorShellProps {
  readonly store: WorkflowStore;
  onBack(): void;
  /** Replaces "← Workflows" when the document was opened from somewhere else. */
  readonly backLabel?: string;
  /** Shown under the toolbar, e.g. whose user-specific version this is. */
  readonly banner?: ReactNode;
}

/**
 * The canvas editor around an open store, whatever the document's source (base workflow or
 * user-specific version; see store/source.ts). Render it inside <EditorProviders>.
 */
export function EditorShell({ store, onBack, backLabel, banner }: EditorShellProps) {
  const client = useClient();
  const flow = useReactFlow();
  const [panelOpen, setPanelOpen] = useState(false);
  const [dialog, setDialog] = useState<'run' | 'test' | null>(null);
  const [runInput, setRunInput] = useState('{}');
  const [toast, setToast] = useState<string | null>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flash = useCallback((message: string) => {
    setToast(message);
    clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToast(null), 1800);
  }, []);
  const save = useCallback(() => {
    void saveWorkflow(store, client).then((ok) => ok && flash('Saved'));
  }, [store, client, flash]);
  const handlers = useMemo(() => ({ save, flash }), [save, flash]);

  const source = sourceOf(store);
  const integration = useIntegrationOf(source.baseWorkflowId);
  useShortcuts(store, handlers);
  useValidation(store, client);
  useAutosave(store, client);
  useRunEvents(store, client);

  const addAtCenter = (kind: string) => {
    const el = document.querySelector('[data-testid="canvas"]');
    const r = el?.getBoundingClientRect();
    const p = flow.screenToFlowPosition({ x: r ? r.left + r.width / 2 : 400, y: r ? r.top + r.height / 2 : 300 });
    store.getState().actions.addBlock(kind, { x: p.x - 100, y: p.y - 36 });
  };

  const back = () => {
    // Stay when the save is refused (conflict, error): the banner explains what to do.
    void saveWorkflow(store, client).then((ok) => ok && onBack());
  };

  return (
    <div className={`editor${panelOpen ? ' with-run-panel' : ''}`} data-testid="editor">
      <Toolbar onBack={back} onSave={save} onRun={() => setDialog('run')} onTestSync={() => setDialog('test')} onTogglePanel={() => setPanelOpen(!panelOpen)} panelOpen={panelOpen}
        backLabel={backLabel} />
      <ConflictBanner />
      {banner}
      <div className="editor-main">
        <Palette onAdd={addAtCenter} />
        <Canvas />
        <Inspector />
      </div>
      {panelOpen ? <RunPanel onClose={() => setPanelOpen(false)} /> : null}
      {dialog === 'run' ? (
        <RunDialog
          initial={runInput}
          onClose={() => setDialog(null)}
          onRun={(input, text) => {
            setRunInput(text);
            setDialog(null);
            setPanelOpen(true);
            void startRun(store, client, input);
          }}
        />
      ) : null}
      {dialog === 'test' ? (
        <TestSyncDialog customer={source.customer ? { fixed: source.customer } : { pick: { integrationId: integration?.id ?? null } }} initial={runInput}
          onClose={() => setDialog(null)}
          onRun={(r) => {
            setRunInput(r.text);
            setDialog(null);
            setPanelOpen(true);
            void startRun(store, client, r.input, { limit: r.limit, installationId: r.installationId });
          }} />
      ) : null}
      {toast ? <div className="toast" role="status">{toast}</div> : null}
    </div>
  );
}

/** Loads one workflow and gives it its own store for as long as it is open. */
export function EditorPage({ workflowId, onBack }: { workflowId: string; onBack(): void }) {
  const client = useClient();
  const [record, setRecord] = useState<WorkflowRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setRecord(null);
    setError(null);
    client
      .call('workflows.get', { id: workflowId })
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [client, workflowId]);
  const store = useMemo(() => (record ? createWorkflowStore(record) : null), [record]);
  if (error) {
    return (
      <div className="page-message" role="alert" data-testid="editor-error">
        <p>{error}</p>
        <button type="button" onClick={onBack}>Back to workflows</button>
      </div>
    );
  }
  if (!store) return <div className="page-message">Loading…</div>;
  return (
    <EditorProviders store={store}>
      <EditorShell store={store} onBack={onBack} />
    </EditorProviders>
  );
}

/** The open document's store and React Flow's state, for EditorShell and whatever sits beside it. */
export function EditorProviders({ store, children }: { store: WorkflowStore; children: ReactNode }) {
  return (
    <WorkflowStoreProvider store={store}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </WorkflowStoreProvider>
  );
}
