import { inject } from 'vitest';
import type { BlockCatalogEntry } from '../../../engine/api';
import { setBlockCatalog } from './blocks';

// Installs the engine's real block catalog (provided by test/setup/block-catalog.ts) in a
// renderer test. Only tests import this module.
declare module 'vitest' {
  export interface ProvidedContext {
    blockCatalog: BlockCatalogEntry[];
  }
}

setBlockCatalog(inject('blockCatalog'));
