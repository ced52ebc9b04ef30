import type { RunRecord } from '../../../engine/api';
import { StepError } from './StepRow';

/** Whose run it is: "for Acme", or that it ran on its own. */
export function runWhose(run: RunRecord): string {
  return run.customerName ? `for ${run.customerName}` : 'not for a customer';
}

/**
 * What a person needs to read a run right: that a test sync sent nothing (and how many records it
 * was limited to), whose account it used, why it stopped, and its error in words.
 */
export function RunNotes({ run }: { run: RunRecord }) {
  return (
    <>
      {run.mode === 'test' ? (
        <div className="banner banner-info test-run-banner" data-testid="run-test-note">
          <span>
            <b>Test sync</b>
            {run.customerName ? ` as ${run.customerName}` : ''}
            {run.testRecordLimit ? ` · at most ${run.testRecordLimit} record${run.testRecordLimit === 1 ? '' : 's'} per fetch` : ''}
            {' · '}writes were not sent: each is shown as the request it would make.
          </span>
        </div>
      ) : null}
      {/* A queued run's error is why it still waits (e.g. no worker new enough yet), not a failure. */}
      {run.error && run.status === 'queued' ? <div className="banner banner-warn" data-testid="run-waiting"><StepError error={run.error} /></div> : null}
      {run.error && run.status !== 'queued' ? <div className="banner banner-error" data-testid="run-failure"><StepError error={run.error} /></div> : null}
      {run.stopReason ? <div className="banner banner-info" data-testid="run-stop-reason">Stopped: {run.stopReason}</div> : null}
    </>
  );
}
