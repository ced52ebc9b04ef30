import { useCallback, useState } from 'react';
import { errorMessage } from '../../client';
import { useClient } from '../../client/context';
import { MappingEditor } from '../MappingEditor';
import { RuleSummary } from '../RuleSummary';
import type { MappingRule } from '../rules';
import type { SharedMappingEntry } from './sharedMappings';
import { useMappingSaver } from './useMappingSaver';

function status(entry: SharedMappingEntry, customer: string | null): string {
  if (entry.kind === 'draft') return 'Shared by every workflow of the integration that names it; changes ship with the next release.';
  if (entry.kind === 'custom') return `${customer ?? 'This customer'}'s own version (based on v${entry.version ?? '?'}), used by every workflow of the installation that names it.`;
  return `The released mapping (v${entry.version ?? '?'}). Customise it to change it for ${customer ?? 'this customer'} only; every workflow that names it follows.`;
}

/**
 * The rules of a shared mapping, edited in place: the integration's draft in the base editor, the
 * customer's version in an installation ("Customise mapping" creates it from the released one).
 */
export function SharedMappingRules(props: {
  entry: SharedMappingEntry;
  installationId: string | null;
  customerName?: string | null;
  /** Reloads the list after a customisation or save (revisions and rule counts change). */
  onChanged(): void;
  lastSample?: { value: unknown; from: string } | null;
}) {
  const client = useClient();
  const { entry } = props;
  const [open, setOpen] = useState(false);
  const [rules, setRules] = useState<readonly MappingRule[]>(entry.rules);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saver = useMappingSaver(client, entry.kind === 'released' ? null : entry);
  const close = useCallback(() => {
    setOpen(false);
    void saver.saveNow().then(props.onChanged);
  }, [saver, props.onChanged]);

  const customise = () => {
    if (!props.installationId) return;
    setBusy(true);
    setError(null);
    client
      .call('installationMappings.create', { installationId: props.installationId, mappingId: entry.mappingId })
      .then(() => props.onChanged())
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const editable = entry.kind !== 'released';
  const shown = open ? rules : entry.rules;
  return (
    <div className="field" data-testid="shared-mapping">
      <label>Rules of “{entry.name}” ({shown.length})</label>
      <p className="form-note" data-testid="shared-mapping-status">{status(entry, props.customerName ?? null)}</p>
      {entry.updateAvailable ? <p className="field-hint" data-testid="shared-mapping-update">A newer release changed this mapping: rebase it on the installation page.</p> : null}
      <RuleSummary rules={shown} />
      {saver.state.error ? <div className="field-error" role="alert" data-testid="shared-mapping-save-error">{saver.state.error}</div> : null}
      {error ? <div className="field-error" role="alert">{error}</div> : null}
      {editable ? (
        <button type="button" className="primary" data-testid="open-mapping" onClick={() => {
          setRules(entry.rules);
          setOpen(true);
        }}>
          Edit mapping
        </button>
      ) : (
        <button type="button" className="primary" data-testid="customise-mapping" disabled={busy || !props.installationId} onClick={customise}>
          Customise mapping
        </button>
      )}
      {saver.state.saving ? <span className="muted"> Saving…</span> : null}
      {open ? (
        <MappingEditor blockId={`mapping:${entry.editId ?? entry.mappingId}`} name={entry.name} rules={rules} lastSample={props.lastSample ?? null}
          installationId={props.installationId}
          note={saver.state.error ?? (saver.state.unfinished > 0 ? `${saver.state.unfinished} unfinished rule(s) are not saved until they have a target and a source.` : null)}
          onChange={(next) => {
            setRules(next);
            saver.push(next);
          }}
          onClose={close} />
      ) : null}
    </div>
  );
}
