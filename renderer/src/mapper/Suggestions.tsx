import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { toRuleInputs, type MappingRule } from './rules';
import type { TargetField } from './sample';

type Suggestion = MethodResult<'mapping.suggest'>['suggestions'][number];

/** Ranked candidate sources for the targets no rule fills yet; "Use" adds the rule. */
export function Suggestions(props: {
  rules: readonly MappingRule[];
  sample: unknown;
  targets: readonly TargetField[];
  onUse(target: string, source: string): void;
}) {
  const client = useClient();
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mapped = new Set(props.rules.map((r) => r.target));
  const open = props.targets.filter((t) => !mapped.has(t.path));
  const ask = () => {
    setBusy(true);
    setError(null);
    client
      .call('mapping.suggest', { rules: toRuleInputs(props.rules.filter((r) => r.target !== '')), sample: props.sample, targets: open.map((t) => ({ ...t })), limit: 3 })
      .then((r) => setList(r.suggestions), (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const shown = (list ?? []).filter((s) => !mapped.has(s.target));
  return (
    <section className="mapper-section" data-testid="suggestions">
      <div className="mapper-section-head">
        <h3>Suggestions</h3>
        <button type="button" className="small" data-testid="suggest" disabled={busy || open.length === 0 || props.sample === undefined} onClick={ask}
          title={open.length === 0 ? 'Every target field has a rule.' : props.sample === undefined ? 'Paste a sample first.' : undefined}>
          {busy ? 'Suggesting…' : `Suggest for ${open.length} unmapped`}
        </button>
      </div>
      {error ? <div className="field-error" role="alert">{error}</div> : null}
      {list !== null && shown.length === 0 ? <p className="form-note">No suggestions left.</p> : null}
      <ul className="suggestion-list">
        {shown.map((s) => (
          <li key={s.target} data-testid={`suggestion-${s.target}`}>
            <code>{s.target}</code>{s.label ? <span className="muted"> ({s.label})</span> : null}
            {s.candidates.length === 0 ? <span className="muted"> — no likely source</span> : null}
            {s.candidates.map((c) => (
              <div key={c.source} className="candidate">
                <button type="button" className="small" onClick={() => props.onUse(s.target, c.source)}>Use</button>
                <code>{c.source}</code>
                <span className="muted" title={c.reason}> {Math.round(c.score * 100)}% · {c.examples.slice(0, 2).map((e) => JSON.stringify(e)).join(', ')}</span>
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
