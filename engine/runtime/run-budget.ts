import { PatchbayError } from '../errors/patchbay-error';

/** Caps a run must stay under; the engine's defaults, or smaller ones a host passes in. */
export interface RunLimits {
  /** Steps a run may execute (counting steps journaled before a resume). */
  readonly maxSteps: number;
  /** For Each blocks nested inside each other. */
  readonly maxLoopNesting: number;
  /** Live runs journal lists up to this long in full; longer ones as a count and samples. */
  readonly fullJournalItems: number;
}

export const defaultRunLimits: RunLimits = { maxSteps: 10_000_000, maxLoopNesting: 8, fullJournalItems: 100 };

export interface RunBudget extends RunLimits {
  /** performance.now() when the run last let the event loop run. */
  lastYield: number;
}

/**
 * Steps that do no I/O (Set Variable, Map Fields, a loop over them) would otherwise run back to
 * back and starve the bridge, the scheduler and every other run on the same event loop: after
 * this long without a turn the run waits for one.
 */
const SLICE_MS = 8;

export function newBudget(limits: RunLimits): RunBudget {
  return { ...limits, lastYield: performance.now() };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Called before every step: enforces the step cap and, when the run's time slice is up, returns
 * the turn to wait for (undefined otherwise, so a step that need not wait costs no promise).
 */
export function yieldIfDue(budget: RunBudget, seq: number): Promise<void> | undefined {
  if (seq >= budget.maxSteps) {
    throw new PatchbayError('run_step_limit', `The run reached ${budget.maxSteps.toLocaleString('en-US')} steps, the most a run may execute; look for a loop that never ends, or split the work into smaller runs.`, { maxSteps: budget.maxSteps });
  }
  if (performance.now() - budget.lastYield < SLICE_MS) return undefined;
  return turn().then(() => {
    budget.lastYield = performance.now();
  });
}
