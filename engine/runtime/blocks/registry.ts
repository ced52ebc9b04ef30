import type { BlockCatalog } from '../../model/block-catalog';
import { branchBlock } from './branch/branch';
import { customCodeBlock } from './custom-code/custom-code';
import { mapFieldsBlock } from './map-fields/map-fields';
import { netsuiteFetchOrdersBlock } from './netsuite-fetch-orders/netsuite-fetch-orders';
import { netsuiteGetOrderBlock } from './netsuite-get-order/netsuite-get-order';
import { netsuiteUpdateOrderBlock } from './netsuite-update-order/netsuite-update-order';
import { netsuiteSuiteqlBlock } from './netsuite-suiteql/netsuite-suiteql';
import { netsuiteUpsertOrderBlock } from './netsuite-upsert-order/netsuite-upsert-order';
import { delayBlock } from './delay/delay';
import { forEachBlock } from './for-each/for-each';
import { httpRequestBlock } from './http-request/http-request';
import { logBlock } from './log/log';
import { setVariableBlock } from './set-variable/set-variable';
import { stopBlock } from './stop/stop';
import { triggerBlock } from './trigger/trigger';
import type { AnyBlockDefinition } from './types';

/** Every block kind the engine can run, in palette order. A new kind is one folder here and one line below. */
export const blockDefinitions: readonly AnyBlockDefinition[] = [
  triggerBlock,
  httpRequestBlock,
  branchBlock,
  forEachBlock,
  stopBlock,
  delayBlock,
  logBlock,
  setVariableBlock,
  mapFieldsBlock,
  customCodeBlock,
  netsuiteFetchOrdersBlock,
  netsuiteGetOrderBlock,
  netsuiteUpdateOrderBlock,
  netsuiteUpsertOrderBlock,
  netsuiteSuiteqlBlock,
];

const byKind = new Map(blockDefinitions.map((d) => [d.kind, d] as const));

export function getBlockDefinition(kind: string): AnyBlockDefinition | undefined {
  return byKind.get(kind);
}

export const blockCatalog: BlockCatalog = (kind) => byKind.get(kind);
