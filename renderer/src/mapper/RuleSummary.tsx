import { modeOf, sourceText, transformsText, type MappingRule } from './rules';
import './mapper.css';

function describe(rule: MappingRule): string {
  const mode = modeOf(rule);
  const src = mode === 'constant' ? `= ${sourceText(rule)}` : mode === 'expr' ? `expr ${sourceText(rule)}` : sourceText(rule);
  const t = transformsText(rule);
  return t ? `${src} | ${t}` : src;
}

/** A compact read-only list of rules (`target ← source | transforms`) for the inspector. */
export function RuleSummary({ rules, testId = 'mapping-summary' }: { rules: readonly MappingRule[]; testId?: string }) {
  if (rules.length === 0) return <p className="form-note">No rules yet.</p>;
  return (
    <ul className="mapping-summary" data-testid={testId}>
      {rules.map((r) => (
        <li key={r.id} title={r.note}>
          <code>{r.target || '(no target)'}</code>
          <span className="arrow">←</span>
          <code>{describe(r)}</code>
        </li>
      ))}
    </ul>
  );
}
