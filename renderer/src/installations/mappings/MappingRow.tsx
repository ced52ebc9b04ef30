import { useState } from 'react';
import type { InstallationMappingView } from '../../../../engine/api/methods/mappings';
import { plural } from '../diff/describe';

export interface MappingRowActions {
  customise(): void;
  edit(): void;
  diff(): void;
  rebase(): void;
  revert(): void;
}

function changeCount(view: InstallationMappingView): number {
  const r = view.diff?.rules;
  return r ? r.added.length + r.removed.length + r.changed.length + (r.reordered ? 1 : 0) : 0;
}

/** One shared mapping of an installation: which workflows use it, base or the customer's, its version. */
/** `managedBy`: on a server, the desktop that published this installation and manages its customer mappings. */
export function InstallationMappingRow(props: { view: InstallationMappingView; installed: boolean; busy: boolean; managedBy?: string | null; actions: MappingRowActions }) {
  const locked = Boolean(props.managedBy);
  const { view, actions } = props;
  const [confirmRevert, setConfirmRevert] = useState(false);
  const version = view.custom ? view.custom.ancestorVersion : view.version;
  return (
    <tr data-testid={`installation-mapping-${view.mappingId}`}>
      <td>
        <b>{view.name}</b>
        <div className="muted" data-testid="mapping-used-by">
          {view.usedBy.length > 0 ? `Used by ${view.usedBy.map((u) => u.name).join(', ')}` : 'No workflow uses it'}
        </div>
      </td>
      <td>
        {view.custom ? (
          <span className="badge badge-custom" data-testid="mapping-custom-badge">Custom</span>
        ) : <span className="badge badge-muted" data-testid="mapping-base-badge">Base</span>}
        <div className="muted" data-testid="mapping-rule-count">
          {plural(view.custom ? view.custom.ruleCount : view.ruleCount, 'rule')}{view.custom ? ` · ${plural(changeCount(view), 'change')} from base` : ''}
        </div>
      </td>
      <td>
        <span className="badge">v{version}</span>
        {view.updateAvailable ? <span className="badge badge-update" data-testid="mapping-update-available">Update available</span> : null}
      </td>
      <td className="row-actions wf-actions">
        {view.custom ? (
          <>
            <button type="button" className="small" data-testid="mapping-edit" onClick={actions.edit}>Edit mapping</button>
            <button type="button" className="small" data-testid="mapping-diff" onClick={actions.diff}>Diff vs base</button>
            <button type="button" className="small" data-testid="mapping-rebase" disabled={!view.updateAvailable || props.busy || locked}
              title={view.updateAvailable ? 'Merge the newer release of this mapping, rule by rule' : 'Already on the latest release of this mapping'} onClick={actions.rebase}>Rebase</button>
            {confirmRevert ? (
              <span className="confirm-inline">
                <span className="confirm-text">Drop this customer&apos;s mapping?</span>
                <button type="button" className="small danger" data-testid="mapping-revert-confirm" onClick={() => { setConfirmRevert(false); actions.revert(); }}>Revert</button>
                <button type="button" className="small" onClick={() => setConfirmRevert(false)}>Keep</button>
              </span>
            ) : (
              <button type="button" className="small danger" data-testid="mapping-revert" disabled={locked} title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={() => setConfirmRevert(true)}>Revert to base</button>
            )}
          </>
        ) : (
          <>
            <button type="button" className="small" data-testid="mapping-view" onClick={actions.edit}>View rules</button>
            <button type="button" className="small primary" data-testid="mapping-customise" disabled={props.busy || !props.installed || locked} title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={actions.customise}>
              Customise mapping
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
