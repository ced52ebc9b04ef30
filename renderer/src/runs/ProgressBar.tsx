import type { RunProgressEvent } from './useRunProgress';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function eta(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** One long step's progress: a bar when the total is known, the counts, the rate and the time left. */
export function ProgressBar({ progress, label }: { progress: RunProgressEvent; label?: string | undefined }) {
  const { done, total, pages, perSecond, etaSeconds, unit } = progress;
  const fraction = total && total > 0 ? Math.min(1, done / total) : null;
  const parts = [
    total !== null ? `${count(done)} of ${count(total)} ${unit}` : `${count(done)} ${unit}`,
    pages !== null ? `${count(pages)} page${pages === 1 ? '' : 's'}` : null,
    `${count(perSecond)}/s`,
    etaSeconds !== null && fraction !== 1 ? `about ${eta(etaSeconds)} left` : null,
  ].filter((p): p is string => p !== null);
  return (
    <div className="run-progress" data-testid="run-progress">
      {label ? <span className="run-progress-label">{label}</span> : null}
      <div className="run-progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total ?? undefined} aria-valuenow={done}
        aria-label={label ?? 'Progress'}>
        <div className={fraction === null ? 'run-progress-fill indeterminate' : 'run-progress-fill'} style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="run-progress-text" data-testid="run-progress-text">{parts.join(' · ')}</span>
    </div>
  );
}
