import type { BlockCatalog } from '../../model/validate';
import { branchBlock } from './branch';
import { customCodeBlock } from './custom-code';
import { mapFieldsBlock } from './map-fields';
import { netsuiteFetchOrdersBlock } from './netsuite-fetch-orders';
import { netsuiteGetOrderBlock } from './netsuite-get-order';
import { netsuiteUpdateOrderBlock } from './netsuite-update-order';
import { netsuiteUpsertOrderBlock } from './netsuite-upsert-order';
import { delayBlock } from './delay';
import { forEachBlock } from './for-each';
import { httpRequestBlock } from './http-request';
import { logBlock } from './log';
import { setVariableBlock } from './set-variable';
import { stopBlock } from './stop';
import { triggerBlock } from './trigger';
import type { AnyBlockDefinition } from './types';

/** Every block kind the engine can run. */
export const blockDefinitions: readonly AnyBlockDefinition[] = [
  triggerBlock,
  stopBlock,
  httpRequestBlock,
  branchBlock,
  forEachBlock,
  logBlock,
  setVariableBlock,
  delayBlock,
  mapFieldsBlock,
  customCodeBlock,
  netsuiteFetchOrdersBlock,
  netsuiteGetOrderBlock,
  netsuiteUpdateOrderBlock,
  netsuiteUpsertOrderBlock,
];

const byKind = new Map(blockDefinitions.map((d) => [d.kind, d] as const));

export function getBlockDefinition(kind: string): AnyBlockDefinition | undefined {
  return byKind.get(kind);
}

export const blockCatalog: BlockCatalog = (kind) => byKind.get(kind);
