import { createContext, useContext } from 'react';
import type { Block } from '../../../engine/api';
import type { BlockHighlight, WorkflowDiff } from '../../../engine/model/diff-schema';

/** What the canvas marks while a diff is shown: a status per block, and removed blocks as ghosts. */
export type BlockDiffStatus = BlockHighlight['status'];

export interface CanvasHighlights {
  readonly byBlock: ReadonlyMap<string, BlockDiffStatus>;
  /** Blocks the other side has and this document does not, drawn where they were. */
  readonly ghosts: readonly Block[];
}

export function highlightsFromDiff(diff: WorkflowDiff): CanvasHighlights {
  return {
    byBlock: new Map(diff.highlights.filter((h) => h.status !== 'removed').map((h) => [h.blockId, h.status])),
    ghosts: diff.blocks.removed,
  };
}

/** Ghost node ids; block ids cannot contain ':' so they never collide. */
export const GHOST_PREFIX = 'ghost:';

const HighlightContext = createContext<CanvasHighlights | null>(null);
export const HighlightProvider = HighlightContext.Provider;

export function useHighlights(): CanvasHighlights | null {
  return useContext(HighlightContext);
}
