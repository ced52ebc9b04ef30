import type { GoldenRecord, GoldenSetBody } from '../../api/methods/golden';
import type { WorkflowDoc } from '../../model/workflow';
import { traitsOf } from '../../runtime/blocks/catalog';
import { getBlockDefinition } from '../../runtime/blocks/registry';
import type { InstallationInfo } from '../../runtime/blocks/types';
import type { JournalEntry } from '../../runtime/journal';
import { replayWorkflow } from '../../runtime/replay-run';
import type { ServiceRegistry } from '../../runtime/services';

export interface ReplayDeps {
  readonly services: ServiceRegistry;
  /** The engine's redaction of secrets at this moment (null: nothing to hide). */
  readonly redact: () => ((value: unknown) => unknown) | null;
}

export interface ReplayedRecord {
  readonly outputs: Record<string, unknown>;
  readonly outcome: string;
  /** Set when a block read externally and the golden records had nothing for it. */
  readonly missingInput: string | null;
  readonly error: string | null;
}

/** `post_order[0]` for a step in a loop, `map_orders` at the top level. */
export function stepKey(entry: Pick<JournalEntry, 'blockId' | 'iterationPath'>): string {
  return entry.iterationPath === null ? entry.blockId : `${entry.blockId}[${entry.iterationPath}]`;
}

/** Triggers and readers are the record's inputs; every other step is an output to compare. */
export function isOutputStep(entry: Pick<JournalEntry, 'blockKind' | 'input'>): boolean {
  const def = getBlockDefinition(entry.blockKind);
  if (!def || traitsOf(def).trigger) return false;
  return !def.readsExternal?.(entry.input);
}

/** Replays one golden record through a bound document: the same record and version give the same outputs. */
export async function replayRecord(deps: ReplayDeps, doc: WorkflowDoc, body: Pick<GoldenSetBody, 'trigger' | 'sharedInputs'>, record: Pick<GoldenRecord, 'inputs'>, installation: InstallationInfo, key: string): Promise<ReplayedRecord> {
  const result = await replayWorkflow({
    doc, input: body.trigger, installation, services: deps.services, key,
    inputs: { outputFor: (blockId, path) => (path === null ? (record.inputs[blockId] ?? body.sharedInputs[blockId]) : undefined) },
  });
  const outputs: Record<string, unknown> = {};
  for (const s of result.steps) if (s.status === 'succeeded' && isOutputStep(s)) outputs[stepKey(s)] = s.output;
  const redact = deps.redact();
  const outcome = result.status === 'succeeded' ? 'succeeded' : result.status === 'stopped' ? `stopped: ${result.stopReason ?? ''}` : `failed: ${result.error?.code ?? 'internal'}`;
  const missing = result.error?.code === 'golden_input_missing' ? result.error.message : null;
  return {
    outputs: (redact ? redact(outputs) : outputs) as Record<string, unknown>,
    outcome,
    missingInput: missing,
    error: result.error ? (redact ? (redact(result.error.message) as string) : result.error.message) : null,
  };
}
