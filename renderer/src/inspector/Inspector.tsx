import { useMemo } from 'react';
import type { Block, ValidationIssue } from '../../../engine/api';
import { blockMeta } from '../catalog/blocks';
import { useActions, useWorkflow } from '../store/context';
import { TextArea, TextField } from './fields';
import { formFor } from './forms';

function IssueList({ issues, testId }: { issues: readonly ValidationIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list" data-testid={testId}>
      {issues.map((i, n) => (
        <li key={n} className={i.severity === 'warning' ? 'issue-warning' : undefined}>
          {i.severity === 'warning' ? <strong>Note: </strong> : null}
          {i.path ? <code>{i.path}</code> : null} {i.message}
        </li>
      ))}
    </ul>
  );
}

function BlockInspector({ block, issues }: { block: Block; issues: readonly ValidationIssue[] }) {
  const actions = useActions();
  const meta = blockMeta(block.kind);
  const Form = formFor(block.kind);
  return (
    <div className="inspector-body" data-testid={`inspector-${block.id}`}>
      <div className="inspector-head">
        <span className={`block-glyph kind-${meta.known ? meta.category : 'unknown'}`} aria-hidden="true">{meta.glyph}</span>
        <div>
          <div className="inspector-kind">{meta.title}</div>
          <div className="inspector-ref" title="Use this reference in later blocks">
            <code>{`{{ steps.${block.id}.output }}`}</code>
          </div>
        </div>
      </div>
      <IssueList issues={issues} testId="block-issues" />
      <TextField name="block-name" label="Name" value={block.name} onChange={(v) => actions.renameBlock(block.id, v)} />
      {/* Keyed by block so local text state never leaks from one block's form to another's. */}
      <Form
        key={block.id}
        block={block}
        config={block.config}
        issues={issues}
        update={(patch) => actions.updateConfig(block.id, patch)}
        replace={(config) => actions.replaceConfig(block.id, config)}
      />
    </div>
  );
}

function WorkflowInspector({ issues }: { issues: readonly ValidationIssue[] }) {
  const actions = useActions();
  const name = useWorkflow((s) => s.doc.name);
  const notes = useWorkflow((s) => s.doc.notes);
  const count = useWorkflow((s) => s.doc.blocks.length);
  return (
    <div className="inspector-body" data-testid="inspector-workflow">
      <div className="inspector-kind">Workflow</div>
      <TextField name="workflow-name" label="Name" value={name} onChange={(v) => actions.renameWorkflow(v)} />
      <TextArea name="workflow-notes" label="Notes" rows={4} value={notes} onChange={(v) => actions.setNotes(v)} />
      <IssueList issues={issues} testId="workflow-issues" />
      <p className="form-note">
        {count === 0 ? 'The canvas is empty.' : `${count} block${count === 1 ? '' : 's'}.`} Select a block to edit it; Shift-drag
        selects several; Delete removes; Ctrl+C / Ctrl+V copy and paste; Ctrl+Z / Ctrl+Shift+Z undo and redo; Ctrl+S saves.
      </p>
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const edge = useWorkflow((s) => s.doc.edges.find((e) => e.id === edgeId));
  const names = useWorkflow((s) => s.doc.blocks);
  if (!edge) return null;
  const label = (id: string) => names.find((b) => b.id === id)?.name || id;
  return (
    <div className="inspector-body" data-testid="inspector-edge">
      <div className="inspector-kind">Connection</div>
      <p className="form-note">
        From <b>{label(edge.from)}</b> ({edge.port}) to <b>{label(edge.to)}</b>. Press Delete to remove it.
      </p>
    </div>
  );
}

export function Inspector() {
  const selection = useWorkflow((s) => s.selection);
  const blocks = useWorkflow((s) => s.doc.blocks);
  const issues = useWorkflow((s) => s.issues);
  const block = selection.blocks.length === 1 ? blocks.find((b) => b.id === selection.blocks[0]) : undefined;
  const blockIssues = useMemo(() => (block ? issues.filter((i) => i.blockId === block.id) : []), [block, issues]);
  const known = useMemo(() => new Set(blocks.map((b) => b.id)), [blocks]);
  // Issues that name no block (or a block that is gone) belong to the workflow as a whole.
  const workflowIssues = useMemo(() => issues.filter((i) => !i.blockId || !known.has(i.blockId)), [issues, known]);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <div className="panel-title">Inspector</div>
      {block ? (
        <BlockInspector block={block} issues={blockIssues} />
      ) : selection.blocks.length > 1 ? (
        <div className="inspector-body">
          <div className="inspector-kind">{selection.blocks.length} blocks selected</div>
          <p className="form-note">Drag to move them together, Delete to remove, Ctrl+C to copy.</p>
        </div>
      ) : selection.blocks.length === 0 && selection.edges.length === 1 && selection.edges[0] ? (
        <EdgeInspector edgeId={selection.edges[0]} />
      ) : (
        <WorkflowInspector issues={workflowIssues} />
      )}
    </aside>
  );
}
