import { useCallback, useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { useClient } from '../client/context';
import { saveFile } from '../client/files';
import { useAction, useLoad } from '../installations/useLoad';
import { base64ToBytes } from './base64';

type Choices = MethodResult<'bundles.choices'>;
type Scrubbed = MethodResult<'bundles.export'>['scrubbed'];

/** What the user ticked: integrations, and within them releases and customers' user-specific versions. */
interface Selection {
  readonly integrations: ReadonlySet<string>;
  readonly releases: ReadonlySet<string>;
  readonly custom: ReadonlySet<string>;
  readonly workflows: ReadonlySet<string>;
}

const toggle = (set: ReadonlySet<string>, id: string, on: boolean): Set<string> => {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
};

/** A ticked integration starts with all its releases; user-specific versions are opted into. */
function initial(choices: Choices, preselected: string | undefined): Selection {
  const chosen = choices.integrations.filter((i) => i.id === preselected);
  return { integrations: new Set(chosen.map((i) => i.id)), releases: new Set(chosen.flatMap((i) => i.releases.map((r) => r.id))), custom: new Set(), workflows: new Set() };
}

export function ExportBundleDialog(props: { integrationId?: string; onClose(): void }) {
  const client = useClient();
  const choices = useLoad(useCallback(() => client.call('bundles.choices', {}), [client]));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [scrubbed, setScrubbed] = useState<Scrubbed | null>(null);
  const action = useAction();
  const sel = selection ?? (choices.data ? initial(choices.data, props.integrationId) : null);

  const setIntegration = (integration: Choices['integrations'][number], on: boolean) => {
    if (!sel) return;
    const releases = integration.releases.reduce((set, r) => toggle(set, r.id, on), new Set(sel.releases));
    const custom = on ? sel.custom : integration.customers.reduce((set, c) => toggle(set, c.installationId, false), new Set(sel.custom));
    setSelection({ ...sel, integrations: toggle(sel.integrations, integration.id, on), releases, custom });
  };

  const exportNow = () => {
    if (!sel || !choices.data) return;
    const chosen = choices.data.integrations.filter((i) => sel.integrations.has(i.id));
    void action.run(async () => {
      const result = await client.call('bundles.export', {
        integrationIds: chosen.map((i) => i.id),
        releaseIds: chosen.flatMap((i) => i.releases.filter((r) => sel.releases.has(r.id)).map((r) => r.id)),
        installationIds: chosen.flatMap((i) => i.customers.filter((c) => sel.custom.has(c.installationId)).map((c) => c.installationId)),
        workflowIds: [...sel.workflows],
      });
      await saveFile(result.fileName, base64ToBytes(result.base64));
      if (result.scrubbed.length > 0) setScrubbed(result.scrubbed);
      else props.onClose();
    });
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="modal bundle-modal" role="dialog" aria-modal="true" aria-labelledby="export-bundle-title" data-testid="export-bundle-dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h2 id="export-bundle-title">Export a bundle</h2>
        <p className="field-hint">A bundle holds workflows, releases and user-specific versions, never credentials. Keep it in git, or import it on another machine.</p>
        {choices.error ? <div className="banner banner-error" role="alert">{choices.error}</div> : null}
        {!sel || !choices.data ? <p className="empty-note">Loading…</p> : choices.data.integrations.length + choices.data.workflows.length === 0 ? (
          <p className="empty-note">There is nothing to export yet.</p>
        ) : (
          <ul className="bundle-choices">
            {choices.data.integrations.map((i) => (
              <li key={i.id}>
                <label className="check">
                  <input type="checkbox" data-testid={`export-integration-${i.id}`} checked={sel.integrations.has(i.id)} onChange={(e) => setIntegration(i, e.target.checked)} />
                  <strong>{i.name}</strong>
                </label>
                {sel.integrations.has(i.id) ? (
                  <div className="bundle-choice-details">
                    {i.releases.length === 0 ? <div className="muted">Not released yet: only the drafts go in.</div> : (
                      <div>
                        <span className="muted">Releases: </span>
                        {i.releases.map((r) => (
                          <label key={r.id} className="check inline" title={r.notes}>
                            <input type="checkbox" checked={sel.releases.has(r.id)} onChange={(e) => setSelection({ ...sel, releases: toggle(sel.releases, r.id, e.target.checked) })} />
                            v{r.version}
                          </label>
                        ))}
                      </div>
                    )}
                    {i.customers.length > 0 ? (
                      <div>
                        <span className="muted">User-specific versions of: </span>
                        {i.customers.map((c) => (
                          <label key={c.installationId} className="check inline" title={[...c.workflows, ...c.mappings.map((m) => `mapping ${m}`)].join(', ')}>
                            <input type="checkbox" checked={sel.custom.has(c.installationId)} onChange={(e) => setSelection({ ...sel, custom: toggle(sel.custom, c.installationId, e.target.checked) })} />
                            {c.customerName} ({[...c.workflows, ...c.mappings.map((m) => `mapping ${m}`)].join(', ')})
                          </label>
                        ))}
                      </div>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
            {choices.data.workflows.length > 0 ? (
              <li>
                <span className="muted">Workflows outside integrations: </span>
                {choices.data.workflows.map((w) => (
                  <label key={w.id} className="check inline">
                    <input type="checkbox" checked={sel.workflows.has(w.id)} onChange={(e) => setSelection({ ...sel, workflows: toggle(sel.workflows, w.id, e.target.checked) })} />
                    {w.name}
                  </label>
                ))}
              </li>
            ) : null}
          </ul>
        )}
        {scrubbed ? (
          <div className="banner" role="status" data-testid="export-scrubbed">
            The bundle was saved. {scrubbed.length} value(s) that looked like credentials were left out:{' '}
            {scrubbed.map((s) => `${s.workflow} (${s.path.replace(/^config\./, '')})`).join(', ')}. Use a connection for them instead.
          </div>
        ) : null}
        {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>{scrubbed ? 'Close' : 'Cancel'}</button>
          {scrubbed ? null : (
            <button type="button" className="primary" data-testid="export-bundle-confirm" disabled={action.busy || !sel || sel.integrations.size + sel.workflows.size === 0} onClick={exportNow}>
              Export
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
