import { useCallback } from 'react';
import { useClient } from '../client/context';
import { DiffList } from './diff/DiffList';
import { useLoad } from './useLoad';

/** A user-specific version's changes against the base version it was made from. */
export function DiffPanel(props: { userVersionId: string; ancestorVersion: number; workflowName: string }) {
  const client = useClient();
  const diff = useLoad(useCallback(() => client.call('userVersions.diff', { id: props.userVersionId }), [client, props.userVersionId]));
  return (
    <div className="diff-panel" data-testid="diff-panel">
      <h3>{props.workflowName}: user-specific version vs base v{props.ancestorVersion}</h3>
      {diff.error ? <div className="field-error" role="alert">{diff.error}</div> : null}
      {diff.data ? <DiffList diff={diff.data} /> : diff.error ? null : <p className="empty-note">Comparing…</p>}
    </div>
  );
}
