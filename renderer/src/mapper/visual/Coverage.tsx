// How complete the mapping is: required targets with a rule, and how many source fields are used.

export function Coverage(props: { requiredMapped: number; requiredTotal: number; sourcesUsed: number; sourcesTotal: number; problems: number }) {
  const pct = props.requiredTotal === 0 ? 100 : Math.round((props.requiredMapped / props.requiredTotal) * 100);
  return (
    <div className="coverage" data-testid="coverage" title="Required target fields that have a rule">
      <div className="coverage-bar" role="progressbar" aria-label="Required fields mapped" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={`coverage-fill${pct === 100 ? ' full' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span data-testid="coverage-required">{props.requiredMapped} of {props.requiredTotal} required mapped</span>
      <span className="muted" data-testid="coverage-sources">· {props.sourcesUsed} of {props.sourcesTotal} source fields used</span>
      {props.problems > 0 ? <span className="issue-count" data-testid="coverage-problems">{props.problems} rule{props.problems === 1 ? '' : 's'} with problems</span> : null}
    </div>
  );
}
