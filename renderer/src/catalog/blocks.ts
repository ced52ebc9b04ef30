import type { BlockCatalogEntry, BlockCategory, BlockFormField, Port } from '../../../engine/api';
import { acceptsInput } from '../../../engine/shared/block-traits';

// The block catalog as the engine serves it (`blocks.catalog`): palette entries, handles, the
// config a new block starts with and generic form fields. The engine's block folders are the one
// source; this module only holds what was loaded, once, before the app renders.

export interface BlockMeta {
  readonly kind: string;
  readonly title: string;
  readonly category: BlockCategory;
  readonly description: string;
  /** Short glyph shown on the node; plain text keeps the bundle free of icon fonts. */
  readonly glyph: string;
  /** Prefix for new block ids, which users type in references: `{{ steps.<id>.output }}`. */
  readonly idPrefix: string;
  readonly hasInput: boolean;
  readonly ports: readonly Port[];
  /** At most one per workflow. */
  readonly unique: boolean;
  readonly form: readonly BlockFormField[];
  /** False for a kind this engine does not know (e.g. from a newer bundle): shown, kept, not run. */
  readonly known: boolean;
  defaultConfig(): Record<string, unknown>;
}

export const categoryLabels: Readonly<Record<BlockCategory, string>> = {
  trigger: 'Trigger', http: 'HTTP', netsuite: 'NetSuite', flow: 'Flow', data: 'Data', code: 'Code',
};
export const paletteCategories: readonly BlockCategory[] = ['trigger', 'http', 'netsuite', 'flow', 'data', 'code'];

function toMeta(e: BlockCatalogEntry): BlockMeta {
  return {
    kind: e.kind, title: e.title, category: e.category, description: e.description, glyph: e.icon, idPrefix: e.idPrefix,
    hasInput: acceptsInput(e.traits), ports: e.ports, unique: e.unique, form: e.form, known: true,
    defaultConfig: () => structuredClone(e.defaultConfig),
  };
}

let entries: readonly BlockMeta[] = [];
let byKind = new Map<string, BlockMeta>();

/** Installs the catalog loaded from the engine; called once at start-up (and by tests). */
export function setBlockCatalog(catalog: readonly BlockCatalogEntry[]): void {
  entries = catalog.map(toMeta);
  byKind = new Map(entries.map((m) => [m.kind, m]));
}

/** Every kind the engine runs, in palette order. */
export function paletteBlocks(): readonly BlockMeta[] {
  return entries;
}

/** Metadata for a kind; a kind the engine does not know still renders, as an unknown block. */
export function blockMeta(kind: string): BlockMeta {
  return (
    byKind.get(kind) ?? {
      kind, title: `Unknown block (${kind})`, category: 'data', glyph: '?', idPrefix: kind.replace(/[^A-Za-z0-9_]/g, '_') || 'block',
      description: 'A block kind this version of Patchbay does not know; its settings are kept as they are.',
      hasInput: true, ports: [], unique: false, form: [], known: false, defaultConfig: () => ({}),
    }
  );
}

export const BLOCK_DRAG_MIME = 'application/x-patchbay-block';
