import type { z } from 'zod';
import type { mappingMethods } from '../api/methods/mapping';
import { previewMapping, validateMapping } from './preview';
import { exportMapping, importMapping } from './spreadsheet';
import { suggestMappings } from './suggest';
import { transformCatalog } from './transforms';

// Implementations of the mapping.* engine methods, ready for the host's handler table: each takes
// the parsed arguments of its method and returns its result type.

type M = typeof mappingMethods;
type Args<K extends keyof M> = z.output<M[K]['args']>;
type Result<K extends keyof M> = z.output<M[K]['result']>;

export function mappingValidate(args: Args<'mapping.validate'>): Result<'mapping.validate'> {
  const { ok, issues } = validateMapping(args.rules);
  return { ok, issues };
}

export async function mappingPreview(args: Args<'mapping.preview'>): Promise<Result<'mapping.preview'>> {
  return previewMapping(args);
}

export async function mappingImport(args: Args<'mapping.import'>): Promise<Result<'mapping.import'>> {
  const bytes = new Uint8Array(Buffer.from(args.content, 'base64'));
  return importMapping(bytes, { fileName: args.fileName, existing: args.existing });
}

const MEDIA = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function mappingExport(args: Args<'mapping.export'>): Promise<Result<'mapping.export'>> {
  const bytes = await exportMapping(args.rules, args.format);
  const base = (args.name ?? 'mapping').replace(/[^A-Za-z0-9 _.-]+/g, '_').slice(0, 100) || 'mapping';
  return { fileName: `${base}.${args.format}`, mediaType: MEDIA[args.format], content: Buffer.from(bytes).toString('base64') };
}

export function mappingSuggest(args: Args<'mapping.suggest'>): Result<'mapping.suggest'> {
  return { suggestions: suggestMappings(args) };
}

export function mappingTransforms(): Result<'mapping.transforms'> {
  return transformCatalog();
}
