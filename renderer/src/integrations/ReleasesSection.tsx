import { useState } from 'react';
import type { Release } from '../../../engine/api/methods/integrations';
import { useClient } from '../client/context';
import { useCan } from '../session/context';
import { formatWhen } from '../installations/format';
import { useAction } from '../installations/useLoad';

/** Release (freeze every base workflow as version N, with notes) and the list of releases. */
export function ReleasesSection(props: { integrationId: string; releases: readonly Release[]; onReleased(r: Release): void }) {
  const client = useClient();
  const action = useAction();
  const [notes, setNotes] = useState('');
  const [last, setLast] = useState<Release | null>(null);
  const mayRelease = useCan()('integrations.release');
  const release = () =>
    void action.run(() => client.call('integrations.release', { id: props.integrationId, notes })).then((r) => {
      if (!r) return;
      setNotes('');
      setLast(r);
      props.onReleased(r);
    });
  const sorted = [...props.releases].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="releases-title" data-testid="releases-section">
      <h2 id="releases-title">Releases</h2>
      <p className="form-note">Releasing freezes every base workflow as the next version. Released versions never change; installations pin one.</p>
      {mayRelease ? <div className="release-form">
        <textarea aria-label="Release notes" data-testid="release-notes" rows={2} placeholder="What changed in this release" value={notes}
          maxLength={10_000} onChange={(e) => setNotes(e.target.value)} />
        <button type="button" className="primary" data-testid="release" disabled={action.busy} onClick={release}>Release</button>
      </div> : null}
      {action.error ? <div className="field-error" role="alert" data-testid="release-error">{action.error}</div> : null}
      {last ? <div className="banner banner-info" role="status" data-testid="release-done">Released v{last.version}.</div> : null}
      {sorted.length === 0 ? (
        <p className="empty-note">Not released yet.</p>
      ) : (
        <table className="workflow-table compact" data-testid="release-table">
          <thead><tr><th>Version</th><th>Notes</th><th>Workflows</th><th>Released</th></tr></thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-testid={`release-v${r.version}`}>
                <td><span className="badge">v{r.version}</span></td>
                <td className="notes-cell">{r.notes || <span className="muted">no notes</span>}</td>
                <td>{r.versions.map((v) => v.name).join(', ')}</td>
                <td>{formatWhen(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
