import { useCallback, useEffect, useMemo, useState } from 'react';
import type { UserVersion, InstallationRecord } from '../../../../engine/api/methods/installations';
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
import { UserVersionBanner } from './UserVersionBanner';
import { userVersionRecord, userVersionSource } from './userVersionSource';

interface Loaded {
  readonly userVersion: UserVersion;
  readonly installation: InstallationRecord;
}

function UserVersionEditor({ loaded, store }: { loaded: Loaded; store: WorkflowStore }) {
  const client = useClient();
  const { userVersion, installation } = loaded;
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
      .call('userVersions.diff', { id: userVersion.id })
      .then((d) => live && setDiff(d))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [client, userVersion.id, rev, showDiff]);

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
      .call('userVersions.revert', { id: userVersion.id })
      .then(() => navigate(hrefs.installation(installation.id)))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const highlights = useMemo(() => (showDiff && diff ? highlightsFromDiff(diff) : null), [showDiff, diff]);
  const banner = (
    <UserVersionBanner customer={installation.customerName} ancestorVersion={userVersion.ancestorVersion} diff={showDiff ? diff : null} diffError={error}
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

/** `#/f/<userVersionId>`: a customer's user-specific version on the same canvas as base workflows. */
export function UserVersionEditorPage({ userVersionId }: { userVersionId: string }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const userVersion = await client.call('userVersions.get', { id: userVersionId });
    const installation = await client.call('installations.get', { id: userVersion.installationId });
    return { userVersion, installation };
  }, [client, userVersionId]);
  useEffect(() => {
    let live = true;
    load()
      .then((l) => live && setLoaded(l))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [load]);
  const store = useMemo(() => (loaded ? attachSource(createWorkflowStore(userVersionRecord(loaded.userVersion)), userVersionSource(loaded.userVersion, loaded.installation.customerName)) : null), [loaded]);
  if (error) {
    return (
      <div className="page-message" role="alert" data-testid="user-version-error">
        <p>{error}</p>
        <a href={hrefs.installations}>Back to installations</a>
      </div>
    );
  }
  if (!loaded || !store) return <div className="page-message">Loading…</div>;
  return (
    <EditorProviders store={store}>
      <UserVersionEditor loaded={loaded} store={store} />
    </EditorProviders>
  );
}
