import type { z } from 'zod';
import type { BlockCategory, BlockFormField } from '../../api/methods/blocks';
import type { RunMode } from '../../api/records';
import type { Port } from '../../model/workflow';
import type { BlockTraits } from '../../shared/block-traits';
import type { ServiceRegistry } from '../services';

export type { BlockCategory } from '../../api/methods/blocks';

export interface InstallationInfo {
  readonly id: string;
  readonly customerName: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Connection ids bound to this installation by key, so a base workflow can say
   * `{{ installation.connections.netsuite }}` and each customer's run uses its own account. */
  readonly connections: Readonly<Record<string, string>>;
}

export interface BlockContext {
  readonly runId: string;
  readonly blockId: string;
  /** Index inside the innermost For Each, or null at top level. */
  readonly iteration: number | null;
  readonly mode: RunMode;
  /** In a test sync, fetch blocks return at most this many records; null means no limit. */
  readonly testRecordLimit?: number | null;
  readonly signal: AbortSignal;
  readonly installation: InstallationInfo | null;
  readonly services: ServiceRegistry;
  /**
   * Names what this step delivers (installation, workflow, block, For Each item and resolved
   * config), never the run: the same record sent again by any later run carries the same key, so
   * the receiver can de-duplicate it; a changed record gets a new one.
   */
  readonly idempotencyKey: string;
  /**
   * Durable state of this installation's workflow (e.g. a poll watermark). Reads see the value
   * committed by the last successful run; writes are committed only if this run succeeds, so a
   * failed run re-reads the same window next time. Absent only in unit tests that build a context by hand.
   */
  readonly state?: WorkflowState;
  /**
   * Page-by-page progress of this step, durable as soon as `append` settles. A run resumed after
   * a crash finds what was appended before it, so a paged fetch continues after its last page.
   * Absent only in unit tests that build a context by hand.
   */
  readonly checkpoints?: StepCheckpoints;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: unknown): void;
  setVariable(name: string, value: unknown): void;
}

export interface StepCheckpoints {
  load(): Promise<unknown[]>;
  append(value: unknown): Promise<void>;
}

export interface WorkflowState {
  get(key: string): unknown;
  /**
   * `keepIfRunFails`: the value is committed even if the run is cancelled or fails later (a
   * watermark moved by a page that was fully delivered), not only when it succeeds.
   */
  set(key: string, value: unknown, opts?: { readonly keepIfRunFails?: boolean }): void;
}

/** One page of a streaming block: the blocks after it run once with `output` as its output. */
export interface StreamPage {
  readonly output: unknown;
  /** Records read for this page (before de-duplication), for progress. */
  readonly records: number;
  /** Records still to read after this page, when the source says; null when unknown. */
  readonly remaining: number | null;
  /** Saved once the blocks after it have handled the page; handed back on resume. */
  readonly checkpoint: unknown;
  /** Called once the blocks after it have handled the page (e.g. to move a watermark). */
  delivered?(): void;
}

/** Where a resumed stream continues: the last delivered page's checkpoint and totals. */
export interface StreamResume {
  readonly checkpoint: unknown;
  readonly pages: number;
  readonly records: number;
}

export type BlockOutcome =
  | { readonly output: unknown; readonly port?: Port }
  | { readonly output: unknown; readonly stop: { readonly reason: string } }
  /** A container's outcome: its body runs once per element, at most `concurrency` at a time. */
  | { readonly output: readonly unknown[]; readonly iterate: { readonly concurrency: number } };

/**
 * What a destination says about a write that may have happened before an interruption: `found`
 * with the step's output as if it had just been written, `absent` (not written: send it), or
 * `unknown` (this config's write cannot be looked up: it is sent again).
 */
export type Reconciliation =
  | { readonly found: true; readonly output: unknown }
  | { readonly found: false }
  | 'unknown';

/**
 * One block kind. `configSchema` validates the stored config (statically, before a run) and
 * again after templates are resolved, so `execute` receives typed values.
 */
export interface BlockDefinition<C = unknown> {
  readonly kind: string;
  readonly title: string;
  readonly category: BlockCategory;
  readonly description: string;
  /** Short glyph drawn on the node. */
  readonly icon: string;
  /** Prefix for the ids of new blocks of this kind (users type ids in references). */
  readonly idPrefix: string;
  /** At most one per workflow. */
  readonly unique?: boolean;
  /** Control flow the run loop must know about; omitted means an ordinary step. */
  readonly traits?: Partial<BlockTraits>;
  /** Fields of the generic inspector form; omitted when the UI has a richer form for this kind. */
  readonly form?: readonly BlockFormField[];
  readonly configSchema: z.ZodType<C>;
  /**
   * Runs with no effect outside the run and cheaply (computes, logs, branches): a For Each item
   * made only of such blocks is not checkpointed, since redoing it after a crash is harmless.
   * Omitted means the block may have effects (a write) and every item running it is checkpointed.
   */
  readonly pure?: boolean;
  /** Output ports, in canvas order. */
  readonly ports: readonly Port[];
  /** Config keys left as written (not template-resolved), e.g. mapping rules or code. */
  readonly rawConfigKeys?: readonly string[];
  /** The config a block gets when dropped from the palette. */
  readonly defaultConfig: Readonly<Record<string, unknown>>;
  execute(config: C, ctx: BlockContext): Promise<BlockOutcome>;
  /**
   * Whether a step with this (resolved) config reads from an external system. Golden-record
   * replay gives such steps their saved output instead of calling out, so a replay needs no network.
   */
  readonly readsExternal?: (config: C) => boolean;
  /**
   * Blocks that read in pages (a paged fetch): when this returns pages, the run loop runs the
   * blocks after this one once per page (fetch a page → map it → deliver it → checkpoint), so
   * memory is bounded by the page size, not by the account. Null: run `execute` instead.
   */
  stream?(config: C, ctx: BlockContext, resume: StreamResume | null): AsyncIterable<StreamPage> | null;
  /**
   * For blocks that write elsewhere and whose destination can be asked whether a write already
   * happened (lookup by external id). The run loop calls it instead of `execute` for a step whose
   * For Each item was in doubt after an interruption (started, never finished), so a delivery
   * the destination already has is not sent twice even when it ignores Idempotency-Key.
   * Omitted: such a step is sent again (with the same idempotency key) and shown as in doubt.
   */
  reconcile?(config: C, ctx: BlockContext): Promise<Reconciliation>;
  /**
   * For blocks with effects beyond their output (Set Variable): re-applies them from a journaled
   * output when a resumed or re-run run reuses the step instead of running it again.
   */
  replay?(output: unknown, ctx: BlockContext): void;
  /**
   * For blocks that poll with a watermark: the workflow state to start from once a backfill that
   * delivers everything changed before `at` has begun, so the first poll does not deliver it all
   * again. `current` is the workflow's stored state; null leaves it alone (this block already
   * polled and keeps its own watermark). Reads the block's stored (unresolved) config.
   */
  watermarkSeed?(config: Readonly<Record<string, unknown>>, blockId: string, current: Readonly<Record<string, unknown>>, at: string): Readonly<Record<string, unknown>> | null;
}

// Each definition is generic in its own config; the registry stores them erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBlockDefinition = BlockDefinition<any>;

export function defineBlock<C>(def: BlockDefinition<C>): BlockDefinition<C> {
  return def;
}
