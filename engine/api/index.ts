export * from './contract';
export * from '../errors/patchbay-error';
export * from './events';
export * from './records';
export * from './safe-json';
export * from '../model/workflow';
export type { BlockCatalogEntry, BlockCategory, BlockFormField } from './methods/blocks';
