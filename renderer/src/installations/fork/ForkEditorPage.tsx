import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Fork, InstallationRecord } from '../../../../engine/api/methods/installations';
import type { WorkflowDiff } from '../../../../engine/model/diff-schema';
import { highlightsFromDiff, HighlightProvider } from '../../canvas/highlights';
import { errorMessage } from '../../client';
import { useClient } from '../../client/context';
import { EditorProviders, EditorShell } from '../../editor/EditorPage';
import { saveWorkflow } from '../../store/save';
import { attachSource } from '../../store/source';
import { createWorkflowStore, type WorkflowStore } from '../../store/workflowStore';
import { useWorkflow } from '../../store/context';
import { hrefs, navigate } from '../routes';
import { ForkBanner } from './ForkBanner';
import { forkRecord, forkSource } from './forkSource';

interface Loaded {
  readonly fork: Fork;
  readonly installation: InstallationRecord;
}

function ForkEditor({ loaded, store }: { loaded: Loaded; store: WorkflowStore }) {
  const client = useClient();
  const { fork, installation } = loaded;
  const [diff, setDiff] = useState<WorkflowDiff | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rev = useWorkflow((s) => s.rev);
  const blocks = useWorkflow((s) => s.doc.blocks);
  const names = useMemo(() => new Map(blocks.map((b) => [b.id, b.name || b.id])), [blocks]);

  // The diff compares what is saved, so it is fetched after each save while it is shown.
  useEffect(() => {
    if (!showDiff) return;
    let live = true;
    client
      .call('forks.diff', { id: fork.id })
      .then((d) => live && setDiff(d))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [client, fork.id, rev, showDiff]);

  const toggleDiff = () => {
    setError(null);
    if (showDiff) {
      setShowDiff(false);
      setDiff(null);
      return;
    }
    setBusy(true);
    void saveWorkflow(store, client).then((ok) => {
      setBusy(false);
      if (ok) setShowDiff(true);
    });
  };
  const revert = () => {
    setBusy(true);
    client
      .call('forks.revert', { id: fork.id })
      .then(() => navigate(hrefs.installation(installation.id)))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const highlights = useMemo(() => (showDiff && diff ? highlightsFromDiff(diff) : null), [showDiff, diff]);
  const banner = (
    <ForkBanner customer={installation.customerName} ancestorVersion={fork.ancestorVersion} diff={showDiff ? diff : null} diffError={error}
      busy={busy} names={names} onToggleDiff={toggleDiff} onRevert={revert}
      onSelectBlock={(id) => store.getState().actions.select({ blocks: [id], edges: [] })} />
  );
  return (
    <HighlightProvider value={highlights}>
      <EditorShell store={store} banner={banner} backLabel={`← ${installation.customerName}`}
        onBack={() => navigate(hrefs.installation(installation.id))} />
    </HighlightProvider>
  );
}

/** `#/f/<forkId>`: a customer's user-specific version on the same canvas as base workflows. */
export function ForkEditorPage({ forkId }: { forkId: string }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const fork = await client.call('forks.get', { id: forkId });
    const installation = await client.call('installations.get', { id: fork.installationId });
    return { fork, installation };
  }, [client, forkId]);
  useEffect(() => {
    let live = true;
    load()
      .then((l) => live && setLoaded(l))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [load]);
  const store = useMemo(() => (loaded ? attachSource(createWorkflowStore(forkRecord(loaded.fork)), forkSource(loaded.fork, loaded.installation.customerName)) : null), [loaded]);
  if (error) {
    return (
      <div className="page-message" role="alert" data-testid="fork-error">
        <p>{error}</p>
        <a href={hrefs.installations}>Back to installations</a>
      </div>
    );
  }
  if (!loaded || !store) return <div className="page-message">Loading…</div>;
  return (
    <EditorProviders store={store}>
      <ForkEditor loaded={loaded} store={store} />
    </EditorProviders>
  );
}
