import type { ConflictValue, MergeConflict } from '../../../../engine/model/merge-schema';
import { noNames, pathInWords, valueInWords, type Names } from './words';
import { parsePasted } from '../../json/pasted';

export type Choice = { readonly pick: 'customer' | 'release' } | { readonly pick: 'edit'; readonly text: string };

const kindText: Readonly<Record<MergeConflict['kind'], string>> = {
  both_changed: 'Changed on both sides',
  removed_and_changed: 'Deleted on one side, changed on the other',
  removed_and_used: 'Deleted on one side, still wired on the other',
  order: 'Reordered differently on both sides',
};

function ValueBox({ title, v, testId }: { title: string; v: ConflictValue; testId: string }) {
  return (
    <div className="conflict-value">
      <div className="step-io-title">{title}</div>
      {v.present ? (
        <pre className="mono json-view" data-testid={testId}>{valueInWords(v.value)}</pre>
      ) : (
        <div className="conflict-deleted" data-testid={testId}>(deleted)</div>
      )}
    </div>
  );
}

/** The text the editor starts with: the customer's value when it has one, else the release's. */
export function initialEditText(c: MergeConflict): string {
  const v = c.customer.present ? c.customer.value : c.release.value;
  return JSON.stringify(v, null, 2) ?? '';
}

export function editError(text: string): string | null {
  const r = parsePasted(text, 'The edited value');
  if (r.ok) return null;
  return r.code === 'invalid_json' ? `Not valid JSON: ${r.detail}` : r.message;
}

/** One conflict: where it is, the three values, and the user's choice. */
export function ConflictItem(props: { conflict: MergeConflict; choice: Choice | undefined; onChoose(c: Choice): void; names?: Names }) {
  const c = props.conflict;
  const words = pathInWords(c.path, props.names ?? noNames);
  const title = words.field ? `${words.where} › ${words.field}` : words.where;
  const choice = props.choice;
  const name = `conflict-${c.id}`;
  const error = choice?.pick === 'edit' ? editError(choice.text) : null;
  return (
    <li className={`conflict${choice ? ' resolved' : ''}`} data-testid={`conflict-${c.label}`}>
      <div className="conflict-head">
        <b className="conflict-label" data-testid="conflict-title">{title}</b>
        <span className="muted">{kindText[c.kind]}</span>
      </div>
      {c.reason ? <p className="form-note">{c.reason}</p> : null}
      <div className="conflict-values">
        <ValueBox title="Common ancestor" v={c.ancestor} testId="conflict-ancestor" />
        <ValueBox title="New release" v={c.release} testId="conflict-release" />
        <ValueBox title="Customer's version" v={c.customer} testId="conflict-customer" />
      </div>
      <fieldset className="conflict-choices">
        <legend className="sr-only">Resolution for {title}</legend>
        <label>
          <input type="radio" name={name} checked={choice?.pick === 'customer'} onChange={() => props.onChoose({ pick: 'customer' })} /> Keep the customer&apos;s version
        </label>
        <label>
          <input type="radio" name={name} checked={choice?.pick === 'release'} onChange={() => props.onChoose({ pick: 'release' })} /> Take the new release
        </label>
        <label>
          <input type="radio" name={name} checked={choice?.pick === 'edit'}
            onChange={() => props.onChoose({ pick: 'edit', text: choice?.pick === 'edit' ? choice.text : initialEditText(c) })} /> Edit JSON
        </label>
      </fieldset>
      {choice?.pick === 'edit' ? (
        <>
          <textarea aria-label={`Value for ${title}`} className="mono" rows={4} spellCheck={false} value={choice.text}
            onChange={(e) => props.onChoose({ pick: 'edit', text: e.target.value })} />
          {error ? <div className="field-error" role="alert">{error}</div> : null}
        </>
      ) : null}
    </li>
  );
}
