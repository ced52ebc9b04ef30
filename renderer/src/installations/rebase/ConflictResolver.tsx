import { useState } from 'react';
import type { MergeResult, Resolutions } from '../../../../engine/model/merge-schema';
import { fieldText, plural } from '../diff/describe';
import { ConflictItem, editError, type Choice } from './ConflictItem';
import { namesFrom, pathInWords } from './words';
import '../installations.css';

export type RebasePreview = MergeResult & { readonly targetVersionId: string; readonly targetVersion: number };
/** What the resolver shows; a workflow's or a shared mapping's rebase preview both fit. */
export type ResolverPreview = Pick<MergeResult, 'conflicts' | 'applied' | 'kept' | 'agreed'> & { readonly targetVersion: number; readonly merged?: unknown };

function toResolutions(choices: Readonly<Record<string, Choice>>): Resolutions {
  const out: Resolutions = {};
  for (const [id, c] of Object.entries(choices)) {
    out[id] = c.pick === 'edit' ? { value: JSON.parse(c.text) as unknown } : c.pick;
  }
  return out;
}

/**
 * The rebase preview: what the release brings, what the customer's version keeps, and every conflict with its three
 * values. Nothing is written until Accept; Accept needs a valid choice for every conflict.
 */
export function ConflictResolver(props: {
  preview: ResolverPreview;
  fromVersion: number;
  busy?: boolean;
  error?: string | null;
  onAccept(resolutions: Resolutions): void;
  onCancel(): void;
}) {
  const { preview } = props;
  // The merged document names blocks and rules in words: a workflow's blocks, a mapping's rules.
  const names = namesFrom(preview.merged);
  const [choices, setChoices] = useState<Readonly<Record<string, Choice>>>({});
  const unresolved = preview.conflicts.filter((c) => {
    const ch = choices[c.id];
    return !ch || (ch.pick === 'edit' && editError(ch.text) !== null);
  }).length;
  const all = (pick: 'customer' | 'release') => setChoices(Object.fromEntries(preview.conflicts.map((c) => [c.id, { pick }])));

  return (
    <div className="rebase-view" data-testid="rebase-view">
      <h3>Rebase onto v{preview.targetVersion} <span className="muted">(from v{props.fromVersion})</span></h3>
      <p className="form-note" data-testid="rebase-summary">
        {plural(preview.applied.length, 'change')} from base apply, {plural(preview.kept.length, 'customisation')} kept
        {preview.agreed.length ? `, ${preview.agreed.length} made on both sides alike` : ''}
        {preview.conflicts.length ? `, ${plural(preview.conflicts.length, 'conflict')} to resolve.` : '. No conflicts.'}
        {' '}Nothing is saved until you accept.
      </p>
      {preview.applied.length > 0 ? (
        <details className="rebase-applied">
          <summary>Changes from the new release</summary>
          <ul className="diff-fields">
            {preview.applied.map((c) => {
              const t = fieldText(c);
              const w = pathInWords(c.path, names);
              return <li key={c.pointer}><b>{w.field ? `${w.where} › ${w.field}` : w.where}</b> <span className="mono">{t.change}</span></li>;
            })}
          </ul>
        </details>
      ) : null}
      {preview.conflicts.length > 0 ? (
        <>
          <div className="inline-form">
            <button type="button" className="small" onClick={() => all('customer')}>Keep the customer&apos;s version for all</button>
            <button type="button" className="small" onClick={() => all('release')}>Take the new release for all</button>
          </div>
          <ul className="conflict-list">
            {preview.conflicts.map((c) => (
              <ConflictItem key={c.id} conflict={c} names={names} choice={choices[c.id]} onChoose={(ch) => setChoices({ ...choices, [c.id]: ch })} />
            ))}
          </ul>
        </>
      ) : null}
      {props.error ? <div className="field-error" role="alert" data-testid="rebase-error">{props.error}</div> : null}
      <div className="card-actions">
        {unresolved > 0 ? <span className="muted" data-testid="rebase-unresolved">{plural(unresolved, 'conflict')} left to resolve</span> : null}
        <button type="button" onClick={props.onCancel}>Cancel</button>
        <button type="button" className="primary" data-testid="rebase-accept" disabled={props.busy || unresolved > 0}
          onClick={() => props.onAccept(toResolutions(choices))}>
          Accept rebase
        </button>
      </div>
    </div>
  );
}
