import { useState } from 'react';
import type { RunMode } from '../../../engine/api';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { RunDialog } from '../runs/RunDialog';
import { TestSyncDialog } from '../testsync/TestSyncDialog';
import { DiffPanel } from './DiffPanel';
import { RebasePanel } from './RebasePanel';
import { hrefs, navigate } from './routes';
import { RunsPanel } from './RunsPanel';
import { useAction } from './useLoad';
import { InstallationWorkflowRow } from './WorkflowRow';

type Panel =
  | { readonly kind: 'runs'; readonly workflowId: string; readonly runId: string | null }
  | { readonly kind: 'diff' | 'rebase'; readonly workflowId: string };

/** The installation's workflows and the panel (runs, diff, rebase) of the one being looked at. */
export function WorkflowsSection(props: { installation: InstallationRecord; refresh: number; managedBy?: string | null; onChanged(): void }) {
  const client = useClient();
  const inst = props.installation;
  const action = useAction();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [dialog, setDialog] = useState<{ workflowId: string; mode: RunMode } | null>(null);
  const [inputs, setInputs] = useState<Readonly<Record<string, string>>>({});
  const installed = inst.status === 'installed';
  const current = panel ? inst.workflows.find((w) => w.workflowId === panel.workflowId) : undefined;

  const startRun = (workflowId: string, mode: RunMode, input: unknown, testLimit?: number) =>
    void action.run(() => client.call('installations.runWorkflow', { id: inst.id, workflowId, input, mode, testLimit })).then((run) => {
      if (!run) return;
      setPanel({ kind: 'runs', workflowId, runId: run.id });
      props.onChanged();
    });

  return (
    <section className="card" aria-labelledby="workflows-title" data-testid="workflows-section">
      <h2 id="workflows-title">Workflows</h2>
      {!installed ? <p className="form-note">Install a release to run these workflows or customise them.</p> : null}
      {inst.workflows.length === 0 ? <p className="empty-note">No workflows: install a release first.</p> : (
      <table className="workflow-table compact">
        <thead><tr><th>Workflow</th><th>Kind</th><th>Version</th><th>Last run</th><th /></tr></thead>
        <tbody>
          {inst.workflows.map((wf) => (
            <InstallationWorkflowRow key={wf.workflowId} wf={wf} installed={installed} busy={action.busy} managedBy={props.managedBy ?? null} actions={{
              run: (mode) => setDialog({ workflowId: wf.workflowId, mode }),
              viewRuns: () => setPanel({ kind: 'runs', workflowId: wf.workflowId, runId: null }),
              createUserVersion: () =>
                void action.run(() => client.call('userVersions.create', { installationId: inst.id, workflowId: wf.workflowId })).then((f) => f && navigate(hrefs.userVersion(f.id))),
              open: () => wf.userVersion && navigate(hrefs.userVersion(wf.userVersion.id)),
              diff: () => setPanel({ kind: 'diff', workflowId: wf.workflowId }),
              rebase: () => setPanel({ kind: 'rebase', workflowId: wf.workflowId }),
              revert: () =>
                void action.run(() => client.call('userVersions.revert', { id: wf.userVersion?.id ?? '' })).then(() => {
                  setPanel(null);
                  props.onChanged();
                }),
            }} />
          ))}
        </tbody>
      </table>
      )}
      {action.error ? <div className="banner banner-error" role="alert" data-testid="workflow-action-error">{action.error}</div> : null}
      {panel && current ? (
        <div className="workflow-panel">
          <button type="button" className="icon-button panel-close" title="Close" onClick={() => setPanel(null)}>×</button>
          {panel.kind === 'runs' ? (
            <RunsPanel installationId={inst.id} workflowId={current.workflowId} workflowName={current.name} refresh={props.refresh} focusRunId={panel.runId} onGoldenKept={props.onChanged} />
          ) : current.userVersion && panel.kind === 'diff' ? (
            <DiffPanel key={`${current.userVersion.id}:${current.userVersion.rev}`} userVersionId={current.userVersion.id} ancestorVersion={current.userVersion.ancestorVersion} workflowName={current.name} />
          ) : current.userVersion && panel.kind === 'rebase' ? (
            <RebasePanel key={current.userVersion.id} userVersionId={current.userVersion.id} userVersionRev={current.userVersion.rev} ancestorVersion={current.userVersion.ancestorVersion}
              onDone={(userVersion) => {
                if (!userVersion) setPanel(null);
                props.onChanged();
              }} />
          ) : null}
        </div>
      ) : null}
      {dialog?.mode === 'test' ? (
        <TestSyncDialog customer={{ fixed: { id: inst.id, name: inst.customerName } }} initial={inputs[dialog.workflowId] ?? '{}'} onClose={() => setDialog(null)}
          onRun={(r) => {
            setInputs({ ...inputs, [dialog.workflowId]: r.text });
            setDialog(null);
            startRun(dialog.workflowId, 'test', r.input, r.limit);
          }} />
      ) : dialog ? (
        <RunDialog initial={inputs[dialog.workflowId] ?? '{}'} onClose={() => setDialog(null)}
          onRun={(input, text) => {
            setInputs({ ...inputs, [dialog.workflowId]: text });
            setDialog(null);
            startRun(dialog.workflowId, dialog.mode, input);
          }} />
      ) : null}
    </section>
  );
}
