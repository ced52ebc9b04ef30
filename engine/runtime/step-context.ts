import type { RunMode } from '../api/records';
import type { BlockContext, InstallationInfo, StepCheckpoints, WorkflowState } from './blocks/types';
import { idempotencyKeyFor } from './idempotency-key';
import type { RunState } from './run-loop';
import type { ServiceRegistry } from './services';

/**
 * The context one step's block sees. A class, so a 10,000-iteration loop does not allocate a
 * bundle of closures per step; the checkpoint and state views are built only when a block asks.
 */
export class StepContext implements BlockContext {
  readonly runId: string;
  readonly mode: RunMode;
  readonly signal: AbortSignal;
  readonly installation: InstallationInfo | null;
  readonly services: ServiceRegistry;
  readonly testRecordLimit: number | null;

  constructor(
    private readonly run: RunState,
    readonly blockId: string,
    readonly iteration: number | null,
    /** Indexes of every enclosing For Each ("2.0"), or null at top level. */
    private readonly iterationPath: string | null,
    /** What the step delivers (the For Each item and the resolved config); its idempotency key names it. */
    private readonly delivered: { readonly item: unknown; readonly config: unknown } | null = null,
  ) {
    this.runId = run.runId;
    this.mode = run.mode;
    this.signal = run.abort.signal;
    this.installation = run.installation;
    this.services = run.services;
    this.testRecordLimit = run.testRecordLimit;
  }

  get idempotencyKey(): string {
    return idempotencyKeyFor(this.run.keyScope, this.blockId, this.delivered?.item, this.delivered?.config);
  }

  get checkpoints(): StepCheckpoints {
    const { run, blockId, iterationPath } = this;
    return {
      load: () => run.checkpoints.load(run.runId, blockId, iterationPath),
      append: (value) => run.checkpoints.append(run.runId, blockId, iterationPath, value),
    };
  }

  get state(): WorkflowState {
    const s = this.run.state;
    return {
      get: (key) => s.view[key],
      set: (key, value, opts) => {
        s.pending[key] = value;
        s.view[key] = value;
        if (opts?.keepIfRunFails) s.durable[key] = value;
      },
    };
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: unknown): void {
    this.run.events.emit({ type: 'step.log', runId: this.runId, blockId: this.blockId, level, message, data });
  }

  setVariable(name: string, value: unknown): void {
    this.run.vars[name] = value;
  }
}
