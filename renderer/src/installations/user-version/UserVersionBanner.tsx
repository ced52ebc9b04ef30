import { useState } from 'react';
import type { WorkflowDiff } from '../../../../engine/model/diff-schema';
import { DiffList } from '../diff/DiffList';

/**
 * Says whose version is open and what it is based on, with Diff vs base and Revert to base.
 * The change list shows under the banner while the diff is on.
 */
export function UserVersionBanner(props: {
  customer: string;
  ancestorVersion: number;
  diff: WorkflowDiff | null;
  diffError: string | null;
  busy: boolean;
  names: ReadonlyMap<string, string>;
  onToggleDiff(): void;
  onRevert(): void;
  onSelectBlock(id: string): void;
}) {
  const [confirm, setConfirm] = useState(false);
  return (
    <div className="user-version-banner-wrap">
      <div className="banner banner-user-version" data-testid="user-version-banner">
        <span>
          <b>User-specific version for {props.customer}</b> — based on v{props.ancestorVersion}. Only this installation runs it.
        </span>
        <span className="banner-actions">
          <button type="button" className={props.diff ? 'active' : undefined} data-testid="user-version-diff" disabled={props.busy} onClick={props.onToggleDiff}>
            {props.diff ? 'Hide diff' : 'Diff vs base'}
          </button>
          {confirm ? (
            <>
              <span className="confirm-text">Drop every change made for {props.customer}?</span>
              <button type="button" className="danger" data-testid="user-version-revert-confirm" onClick={props.onRevert}>Revert</button>
              <button type="button" onClick={() => setConfirm(false)}>Keep</button>
            </>
          ) : (
            <button type="button" className="danger" data-testid="user-version-revert" disabled={props.busy} onClick={() => setConfirm(true)}>Revert to base</button>
          )}
        </span>
      </div>
      {props.diffError ? <div className="banner banner-error" role="alert">{props.diffError}</div> : null}
      {props.diff ? (
        <div className="user-version-diff" data-testid="user-version-diff-panel">
          <DiffList diff={props.diff} names={props.names} onSelectBlock={props.onSelectBlock} />
        </div>
      ) : null}
    </div>
  );
}
