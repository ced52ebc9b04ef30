import { inject } from 'vitest';
import type { BlockCatalogEntry } from '../../../engine/api';
import type { ConnectionKindSpec } from './connectionKinds';
import { setConnectionKinds } from './connectionKinds';
import { setBlockCatalog } from './blocks';

// Installs the engine's real block catalog and connector kinds (provided by test/setup/block-catalog.ts) in a
// renderer test. Only tests import this module.
declare module 'vitest' {
  export interface ProvidedContext {
    blockCatalog: BlockCatalogEntry[];
    connectionKinds: ConnectionKindSpec[];
  }
}

setBlockCatalog(inject('blockCatalog'));
setConnectionKinds(inject('connectionKinds'));
