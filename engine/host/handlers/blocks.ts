import { blockCatalogEntries } from '../../runtime/blocks/catalog';
import type { Handlers } from './types';

export const blockHandlers: Handlers<'blocks.catalog'> = {
  'blocks.catalog': () => blockCatalogEntries(),
};
