import type { z } from 'zod';
import type { BlockTraits } from '../shared/block-traits';
import type { Block, Port, WorkflowDoc } from './workflow';

// The model plans and validates workflows without knowing any block kind by name: the runtime's
// registry is handed in as a catalog, and control flow is read from each kind's traits.

/** What validation needs to know about a block kind; supplied by the runtime's registry. */
export interface BlockKindInfo {
  readonly configSchema: z.ZodType;
  readonly ports: readonly Port[];
  readonly rawConfigKeys?: readonly string[];
  readonly traits?: Partial<BlockTraits>;
}
export type BlockCatalog = (kind: string) => BlockKindInfo | undefined;

export function isTrigger(catalog: BlockCatalog, block: Block): boolean {
  return catalog(block.kind)?.traits?.trigger === true;
}

export function isContainer(catalog: BlockCatalog, block: Block): boolean {
  return catalog(block.kind)?.traits?.container === true;
}

export function isTerminal(catalog: BlockCatalog, block: Block): boolean {
  return catalog(block.kind)?.traits?.terminal === true;
}

export function mapsFields(catalog: BlockCatalog, block: Block): boolean {
  return catalog(block.kind)?.traits?.mapsFields === true;
}

/** The workflow's trigger block (validation allows one). */
export function triggerBlock(catalog: BlockCatalog, doc: WorkflowDoc): Block | undefined {
  return doc.blocks.find((b) => isTrigger(catalog, b));
}
