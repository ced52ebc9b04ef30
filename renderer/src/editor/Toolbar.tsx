import { useWorkflow } from '../store/context';

function SaveState() {
  const dirty = useWorkflow((s) => s.doc !== s.savedDoc);
  const status = useWorkflow((s) => s.save.status);
  const rev = useWorkflow((s) => s.rev);
  const text = status === 'saving' ? 'Saving…' : status === 'error' ? 'Not saved' : dirty ? 'Unsaved changes' : `Saved · rev ${rev}`;
  return (
    <span className={`save-state${dirty ? ' dirty' : ''}`} data-testid="save-state" data-dirty={dirty}>
      {text}
    </span>
  );
}

export function Toolbar(props: { onBack(): void; onSave(): void; onRun(): void; onTestSync(): void; onTogglePanel(): void; panelOpen: boolean; backLabel?: string }) {
  const name = useWorkflow((s) => s.doc.name);
  const canUndo = useWorkflow((s) => s.past.length > 0);
  const canRedo = useWorkflow((s) => s.future.length > 0);
  const actions = useWorkflow((s) => s.actions);
  const allIssues = useWorkflow((s) => s.issues);
  // Warnings (a block nothing leads to) are listed in the inspector; the toolbar counts errors.
  const issues = allIssues.filter((i) => i.severity !== 'warning');
  const issueCount = issues.length;
  const running = useWorkflow((s) => s.run.starting || s.run.run?.status === 'running');
  return (
    <header className="toolbar" data-testid="editor-toolbar">
      <button type="button" className="ghost" data-testid="back-to-list" onClick={props.onBack} title={props.backLabel ? 'Back' : 'All workflows'}>
        {props.backLabel ?? '← Workflows'}
      </button>
      <h1 className="toolbar-title" data-testid="editor-title">{name}</h1>
      <SaveState />
      {issueCount > 0 ? (
        <button type="button" className="issue-count" data-testid="issue-count" title="Show the first block with an issue"
          onClick={() => {
            // Jump to the first block with an issue; workflow-level issues show with nothing selected.
            const blockId = issues.find((i) => i.blockId)?.blockId;
            actions.select({ blocks: blockId ? [blockId] : [], edges: [] });
          }}>
          {issueCount} issue{issueCount === 1 ? '' : 's'}
        </button>
      ) : null}
      <span className="spacer" />
      <button type="button" title="Undo (Ctrl+Z)" data-testid="undo" disabled={!canUndo} onClick={() => actions.undo()}>Undo</button>
      <button type="button" title="Redo (Ctrl+Shift+Z)" data-testid="redo" disabled={!canRedo} onClick={() => actions.redo()}>Redo</button>
      <button type="button" title="Save (Ctrl+S)" data-testid="save" onClick={props.onSave}>Save</button>
      <button type="button" className={props.panelOpen ? 'active' : undefined} data-testid="toggle-run-panel" onClick={props.onTogglePanel}>
        Runs
      </button>
      <button type="button" data-testid="test-sync" disabled={running} onClick={props.onTestSync} title="A few records through the whole workflow; writes are shown, not sent">
        Test sync
      </button>
      <button type="button" className="primary" data-testid="run" disabled={running} onClick={props.onRun}>
        {running ? 'Running…' : 'Run'}
      </button>
    </header>
  );
}
