import { useState } from 'react';
import type { MethodResult } from '../../../../engine/api';

// Suggested rules for unmapped targets, drawn as dashed lines; here they are accepted one by one,
// all at once above a score, or dismissed (a dismissed suggestion stays away until asked again).

export type Suggestion = MethodResult<'mapping.suggest'>['suggestions'][number];
export type Candidate = Suggestion['candidates'][number];

export interface OpenSuggestion {
  readonly target: string;
  readonly label?: string | undefined;
  readonly best: Candidate;
}

export function SuggestPanel(props: {
  open: readonly OpenSuggestion[];
  busy: boolean;
  error: string | null;
  canAsk: boolean;
  asked: boolean;
  onAsk(): void;
  onAccept(list: readonly OpenSuggestion[]): void;
  onDismiss(target: string): void;
}) {
  const [threshold, setThreshold] = useState(70);
  const above = props.open.filter((s) => s.best.score * 100 >= threshold);
  return (
    <section className="mapper-section" data-testid="suggestions">
      <div className="mapper-section-head">
        <h3>Suggestions</h3>
        <button type="button" className="small" data-testid="suggest" disabled={props.busy || !props.canAsk} onClick={props.onAsk}>
          {props.busy ? 'Suggesting…' : props.asked ? 'Suggest again' : 'Suggest'}
        </button>
      </div>
      {props.error ? <div className="field-error" role="alert">{props.error}</div> : null}
      {props.asked && props.open.length === 0 && !props.busy ? <p className="form-note">No suggestions left.</p> : null}
      {props.open.length > 0 ? (
        <div className="suggest-bulk">
          <label>Accept all at or above <input type="number" aria-label="Score threshold" min={0} max={100} value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))} />%</label>
          <button type="button" className="small" data-testid="accept-above" disabled={above.length === 0} onClick={() => props.onAccept(above)}>
            Accept {above.length}
          </button>
        </div>
      ) : null}
      <ul className="suggestion-list">
        {props.open.map((s) => (
          <li key={s.target} data-testid={`suggestion-${s.target}`}>
            <div><code>{s.target}</code>{s.label ? <span className="muted"> ({s.label})</span> : null}</div>
            <div className="candidate">
              <span className="muted">←</span> <code>{s.best.source}</code>
              <span className="muted" title={s.best.reason}> {Math.round(s.best.score * 100)}%</span>
            </div>
            <div className="form-note">{s.best.reason}{s.best.examples.length > 0 ? ` · e.g. ${s.best.examples.slice(0, 2).map((e) => JSON.stringify(e)).join(', ')}` : ''}</div>
            <div className="candidate">
              <button type="button" className="small primary" data-testid={`accept-${s.target}`} onClick={() => props.onAccept([s])}>Accept</button>
              <button type="button" className="small" data-testid={`dismiss-${s.target}`} onClick={() => props.onDismiss(s.target)}>Dismiss</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
