import { previewMapping, validateMapping } from '../../mapping/preview';
import { exportMapping, importMapping } from '../../mapping/spreadsheet';
import { suggestMappings } from '../../mapping/suggest';
import { transformCatalog } from '../../mapping/transforms';
import type { Handlers } from './types';

// The mapping.* methods: the contract's arguments in, the mapping engine's functions called.
// Files travel as base64 over the contract; bytes stay inside engine/mapping.

const MEDIA = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const mappingHandlers: Handlers<'mapping.transforms' | 'mapping.validate' | 'mapping.preview' | 'mapping.import' | 'mapping.export' | 'mapping.suggest'> = {
  'mapping.transforms': () => transformCatalog(),
  'mapping.validate': (_ctx, { rules }) => {
    const { ok, issues } = validateMapping(rules);
    return { ok, issues };
  },
  'mapping.preview': (_ctx, args) => previewMapping(args),
  'mapping.import': (_ctx, args) => importMapping(new Uint8Array(Buffer.from(args.content, 'base64')), { fileName: args.fileName, existing: args.existing }),
  'mapping.export': async (_ctx, args) => {
    const bytes = await exportMapping(args.rules, args.format);
    const base = (args.name ?? 'mapping').replace(/[^A-Za-z0-9 _.-]+/g, '_').slice(0, 100) || 'mapping';
    return { fileName: `${base}.${args.format}`, mediaType: MEDIA[args.format], content: Buffer.from(bytes).toString('base64') };
  },
  'mapping.suggest': (_ctx, args) => ({ suggestions: suggestMappings(args) }),
};
