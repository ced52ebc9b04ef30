import { useState } from 'react';
import type { RegressionReport } from '../../../../engine/api/methods/golden';
import type { Resolutions } from '../../../../engine/model/merge-schema';
import { RegressionView } from '../golden/RegressionView';
import { useAction, useLoad } from '../useLoad';
import { ConflictResolver, type ResolverPreview } from './ConflictResolver';

/** What a rebase preview holds, whether of a workflow or of a shared mapping. */
export type RebaseFlowPreview = ResolverPreview & {
  readonly issues: readonly { readonly message: string; readonly blockId?: string | null }[];
  readonly regression: RegressionReport | null;
};

/**
 * The one rebase flow for everything a customer customises: load the preview (what the release
 * brings, what the customer keeps, the conflicts, what would need attention, and how the golden
 * records would change), let the user decide every conflict, then apply. Nothing is written until
 * Accept.
 */
export function RebaseFlow<P extends RebaseFlowPreview, R>(props: {
  /** What is rebased, in the sentence about issues: "the workflow", "the mapping". */
  what: string;
  /** `rebase` or `mapping-rebase`: prefixes the panel's test ids. */
  testId: string;
  fromVersion: number;
  /** Stable for one item (wrap in useCallback): the preview reloads when it changes. */
  load(): Promise<P>;
  apply(preview: P, resolutions: Resolutions): Promise<R>;
  doneText(result: R): string;
  /** The name an issue is shown under (a block's name), or null. */
  issueName?(preview: P, blockId: string): string | null;
  onDone(result: R | null): void;
}) {
  const preview = useLoad(props.load);
  const action = useAction();
  const [done, setDone] = useState<R | null>(null);
  const accept = (resolutions: Resolutions) => {
    const p = preview.data;
    if (!p) return;
    void action.run(() => props.apply(p, resolutions)).then((result) => {
      if (result === undefined) return;
      setDone(result);
      props.onDone(result);
    });
  };
  if (done !== null) return <div className="banner banner-info" role="status" data-testid={`${props.testId}-done`}>{props.doneText(done)}</div>;
  const p = preview.data;
  return (
    <div className="rebase-panel" data-testid={`${props.testId}-panel`}>
      {preview.error ? <div className="banner banner-error" role="alert" data-testid={`${props.testId}-preview-error`}>{preview.error}</div> : null}
      {p && p.issues.length > 0 ? (
        <div className="banner banner-warn" role="status" data-testid={`${props.testId}-issues`}>
          After this rebase {props.what} would need attention before it runs:
          <ul>{p.issues.map((i, n) => {
            const name = i.blockId && props.issueName ? props.issueName(p, i.blockId) : null;
            return <li key={n}>{name ? <b>{name}:</b> : null} {i.message}</li>;
          })}</ul>
        </div>
      ) : null}
      {p?.regression ? <RegressionView report={p.regression} /> : null}
      {p ? (
        <ConflictResolver preview={p} fromVersion={props.fromVersion} busy={action.busy} error={action.error} onAccept={accept} onCancel={() => props.onDone(null)} />
      ) : preview.error ? null : <p className="empty-note">Merging…</p>}
    </div>
  );
}
