import { PatchbayError } from '../errors/patchbay-error';
import type { Block } from '../model/workflow';
import type { AnyBlockDefinition, BlockOutcome } from './blocks/types';

// The run loop's one hook for golden-record replay (issue 16): a step that would read from an
// external system (NetSuite, an HTTP GET) answers with the output saved when the golden records
// were kept, so a replay needs no network and gives the same outputs every time. Writes need no
// hook: a replay runs in test mode, where write blocks return the request they would send.

export interface ReplayInputs {
  /** The saved output of a reading block (top level: path null), or undefined when none was kept. */
  outputFor(blockId: string, iterationPath: string | null): unknown;
}

/** Null when the block does not read externally (it then runs as usual). */
export function replayedOutcome(replay: ReplayInputs, def: AnyBlockDefinition, block: Block, config: unknown, iterationPath: string | null): BlockOutcome | null {
  if (!def.readsExternal?.(config)) return null;
  const saved = replay.outputFor(block.id, iterationPath);
  if (saved === undefined) {
    throw new PatchbayError('golden_input_missing', `"${block.name || block.id}" reads from an external system, but the golden records hold nothing it read; keep new golden records from a run of this version.`, {
      blockId: block.id, iterationPath,
    });
  }
  return { output: structuredClone(saved) };
}
