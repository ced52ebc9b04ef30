import type { EngineEvent } from '../api/events';
import type { StepRecord } from '../api/records';

/**
 * Steps a run executing elsewhere (a worker thread, a queue worker) has in flight, learnt from the
 * events it relays, so `runs.steps` can show them before they reach the journal.
 */
export class RelayedSteps {
  private readonly byRun = new Map<string, Map<string, StepRecord>>();

  /** Notes a relayed event; events other than step start/finish are ignored. */
  track(e: EngineEvent): void {
    if (e.type !== 'step.started' && e.type !== 'step.finished') return;
    let steps = this.byRun.get(e.step.runId);
    if (!steps) this.byRun.set(e.step.runId, (steps = new Map()));
    if (e.type === 'step.started') steps.set(e.step.id, e.step);
    else steps.delete(e.step.id);
  }

  inFlight(runId: string): StepRecord[] {
    return [...(this.byRun.get(runId)?.values() ?? [])];
  }

  forget(runId: string): void {
    this.byRun.delete(runId);
  }
}
