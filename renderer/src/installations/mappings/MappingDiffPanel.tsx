import type { InstallationMappingView } from '../../../../engine/api/methods/mappings';
import { RuleLines } from '../diff/BlockChangeItem';

/** The customer's mapping against the released mapping it was made from, rule by rule. */
export function MappingDiffPanel({ view }: { view: InstallationMappingView }) {
  const diff = view.diff;
  return (
    <div className="diff-panel" data-testid="mapping-diff-panel">
      <h3>{view.name} <span className="muted">vs base v{view.custom?.ancestorVersion ?? view.version}</span></h3>
      {!diff || diff.identical ? (
        <p className="empty-note" data-testid="mapping-diff-identical">No changes from base yet.</p>
      ) : (
        <>
          {diff.rules ? <RuleLines rules={diff.rules} /> : null}
          {diff.notes ? <p className="form-note">Notes changed.</p> : null}
        </>
      )}
    </div>
  );
}
