import type { Port } from '../../../engine/api';
import { DEFAULT_TS_CODE } from '../code/templates';

// Palette and canvas metadata for each block kind. This is UI data (titles, ports, the config a
// block starts with); the engine's block definitions remain the authority on what a config means.

export type PaletteCategory = 'Trigger' | 'Flow' | 'HTTP' | 'Data' | 'Code' | 'NetSuite';

export interface BlockMeta {
  readonly kind: string;
  readonly title: string;
  readonly category: PaletteCategory;
  readonly description: string;
  /** Short glyph shown on the node; plain text keeps the bundle free of icon fonts. */
  readonly glyph: string;
  /** Prefix for new block ids, which users type in references: `{{ steps.<id>.output }}`. */
  readonly idPrefix: string;
  readonly hasInput: boolean;
  readonly ports: readonly Port[];
  /** At most one per workflow. */
  readonly unique?: boolean;
  defaultConfig(): Record<string, unknown>;
}

const meta: readonly BlockMeta[] = [
  {
    kind: 'trigger', title: 'Trigger', category: 'Trigger', glyph: '▶', idPrefix: 'trigger', unique: true,
    description: 'Starts the workflow: manually, on install, on a schedule or from a webhook.',
    hasInput: false, ports: ['out'], defaultConfig: () => ({ type: 'manual' }),
  },
  {
    kind: 'http_request', title: 'JSON API Call', category: 'HTTP', glyph: '⇄', idPrefix: 'call',
    description: 'Sends an HTTP request and parses the JSON response.',
    hasInput: true, ports: ['out'],
    defaultConfig: () => ({ method: 'GET', url: '', headers: {}, query: {}, body: null, timeoutMs: 30000 }),
  },
  {
    kind: 'branch', title: 'Branch', category: 'Flow', glyph: '◇', idPrefix: 'branch',
    description: 'Sends the run down the true or false path by conditions or an expression.',
    hasInput: true, ports: ['true', 'false'],
    defaultConfig: () => ({ mode: 'conditions', combinator: 'and', conditions: [{ field: '', operator: 'eq', value: '' }] }),
  },
  {
    kind: 'for_each', title: 'For Each', category: 'Flow', glyph: '↻', idPrefix: 'loop',
    description: 'Runs the "each" path once per item, then continues on "done".',
    hasInput: true, ports: ['each', 'done'], defaultConfig: () => ({ items: '', concurrency: 1 }),
  },
  {
    kind: 'stop', title: 'Stop Workflow', category: 'Flow', glyph: '■', idPrefix: 'stop',
    description: 'Ends the run with status "stopped" and a reason.',
    hasInput: true, ports: [], defaultConfig: () => ({ reason: '' }),
  },
  {
    kind: 'delay', title: 'Delay', category: 'Flow', glyph: '◷', idPrefix: 'delay',
    description: 'Waits before continuing.', hasInput: true, ports: ['out'], defaultConfig: () => ({ ms: 1000 }),
  },
  {
    kind: 'log', title: 'Log', category: 'Data', glyph: '✎', idPrefix: 'log',
    description: 'Writes a message to the run log.', hasInput: true, ports: ['out'],
    defaultConfig: () => ({ level: 'info', message: '' }),
  },
  {
    kind: 'set_variable', title: 'Set Variable', category: 'Data', glyph: '=', idPrefix: 'set',
    description: 'Stores a value for later blocks as {{ vars.<name> }}, or for the next runs as {{ state.<name> }}.', hasInput: true, ports: ['out'],
    defaultConfig: () => ({ name: '', value: '', persist: false }),
  },
  {
    kind: 'map_fields', title: 'Map Fields', category: 'Data', glyph: '⇉', idPrefix: 'map',
    description: 'Maps a record, or each record of a list, onto target fields with a table of rules.',
    hasInput: true, ports: ['out'], defaultConfig: () => ({ input: '', rules: [], onError: 'fail_record' }),
  },
  {
    kind: 'custom_code', title: 'Custom Code', category: 'Code', glyph: '{}', idPrefix: 'code',
    description: 'Runs a JavaScript or TypeScript function run(input, ctx) in a sandbox with time and memory limits.',
    hasInput: true, ports: ['out'],
    defaultConfig: () => ({ code: DEFAULT_TS_CODE, language: 'ts', input: '{{ trigger }}', timeoutMs: 5000, memoryMb: 64, batch: false }),
  },
  {
    kind: 'netsuite_fetch_orders', title: 'Fetch Purchase Orders', category: 'NetSuite', glyph: 'NS', idPrefix: 'fetch_orders',
    description: 'Reads NetSuite purchase orders (all, or modified since a watermark) by SuiteQL or the record API.',
    hasInput: true, ports: ['out'],
    defaultConfig: () => ({ connectionId: '', strategy: 'suiteql', modifiedSince: '', overlapMinutes: 0, pageSize: 1000 }),
  },
  {
    kind: 'netsuite_get_order', title: 'Get Purchase Order', category: 'NetSuite', glyph: 'NS', idPrefix: 'get_order',
    description: 'Reads one NetSuite purchase order by internal id, with its lines.',
    hasInput: true, ports: ['out'], defaultConfig: () => ({ connectionId: '', id: '' }),
  },
  {
    kind: 'netsuite_update_order', title: 'Update Purchase Order', category: 'NetSuite', glyph: 'NS', idPrefix: 'update_order',
    description: 'Updates chosen fields of a NetSuite purchase order (PATCH), e.g. a tracking-number custom field.',
    hasInput: true, ports: ['out'], defaultConfig: () => ({ connectionId: '', id: '', fields: {}, replaceLines: false }),
  },
  {
    kind: 'netsuite_upsert_order', title: 'Upsert Purchase Order', category: 'NetSuite', glyph: 'NS', idPrefix: 'upsert_order',
    description: 'Creates or updates a NetSuite purchase order addressed by its external id (PUT eid:).',
    hasInput: true, ports: ['out'], defaultConfig: () => ({ connectionId: '', externalId: '', fields: {}, replaceLines: false }),
  },
];

const byKind = new Map(meta.map((m) => [m.kind, m]));

export const paletteBlocks: readonly BlockMeta[] = meta;
export const paletteCategories: readonly PaletteCategory[] = ['Trigger', 'HTTP', 'NetSuite', 'Flow', 'Data', 'Code'];

/** Metadata for a kind; unknown kinds (from newer engines or bundles) still render generically. */
export function blockMeta(kind: string): BlockMeta {
  return (
    byKind.get(kind) ?? {
      kind, title: kind, category: 'Data', glyph: '?', idPrefix: kind.replace(/[^A-Za-z0-9_]/g, '_') || 'block',
      description: 'A block this version of the editor has no form for.', hasInput: true, ports: ['out'],
      defaultConfig: () => ({}),
    }
  );
}

export const BLOCK_DRAG_MIME = 'application/x-patchbay-block';
