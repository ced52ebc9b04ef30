import { mappingExport, mappingImport, mappingPreview, mappingSuggest, mappingTransforms, mappingValidate } from '../../mapping/methods';
import type { Handlers } from './types';

export const mappingHandlers: Handlers<'mapping.transforms' | 'mapping.validate' | 'mapping.preview' | 'mapping.import' | 'mapping.export' | 'mapping.suggest'> = {
  'mapping.transforms': () => mappingTransforms(),
  'mapping.validate': (_ctx, args) => mappingValidate(args),
  'mapping.preview': (_ctx, args) => mappingPreview(args),
  'mapping.import': (_ctx, args) => mappingImport(args),
  'mapping.export': (_ctx, args) => mappingExport(args),
  'mapping.suggest': (_ctx, args) => mappingSuggest(args),
};
