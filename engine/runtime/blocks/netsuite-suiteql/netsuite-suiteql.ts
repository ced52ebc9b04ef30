import { z } from 'zod';
import type { SuiteQlRow } from '../../../connectors/netsuite/suiteql';
import { connectionIdSchema, netsuiteClient } from '../netsuite/netsuite-shared';
import { defineBlock, type BlockContext } from '../types';
import { parseColumnTypes, typeRows, type ColumnType, type TypedValue } from './typed-rows';

// NetSuite › SuiteQL Query: the user's own query, paged 1,000 rows a request (offset paging, as
// NetSuite requires), checkpointed per page so a resumed run continues after the last page, and
// returned as typed rows. Values reach the query only as `?` parameters, never spliced into the
// SQL, so a template cannot change what the query does.

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const configSchema = z.object({
  connectionId: connectionIdSchema,
  query: z.string().trim().min(1, 'write a SuiteQL query, e.g. SELECT id, tranid FROM transaction'),
  /** Values for the `?` placeholders, in order: a list, or text with one value per line. */
  params: z
    .union([z.array(scalar), z.string(), z.number()])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : typeof v === 'number' ? [v] : v.split('\n').filter((l) => l.trim() !== '')).map((x) => (x === null ? '' : String(x).trim()))),
  /** `amount=number, tranid=string`; unnamed columns are inferred from their values. */
  columnTypes: z.string().default(''),
  pageSize: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Stop after this many rows. Test syncs also apply the run's record limit. */
  limit: z.coerce.number().int().min(1).optional(),
});

export interface SuiteQlQueryOutput {
  readonly rows: ReadonlyArray<Record<string, TypedValue>>;
  readonly count: number;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: ColumnType }>;
  /** NetSuite stops a query at 100,000 rows; true when this one was cut there (page by `id > last` instead). */
  readonly truncated: boolean;
}

interface SavedPage {
  readonly offset: number;
  readonly hasMore: boolean;
  readonly rows: readonly SuiteQlRow[];
}

const isSavedPage = (v: unknown): v is SavedPage => typeof v === 'object' && v !== null && Array.isArray((v as SavedPage).rows) && typeof (v as SavedPage).offset === 'number';

function effectiveLimit(configured: number | undefined, ctx: BlockContext): number | undefined {
  const test = ctx.mode === 'test' && typeof ctx.testRecordLimit === 'number' ? ctx.testRecordLimit : undefined;
  if (configured === undefined) return test;
  return test === undefined ? configured : Math.min(configured, test);
}

export const netsuiteSuiteqlBlock = defineBlock({
  kind: 'netsuite_suiteql',
  title: 'SuiteQL Query',
  category: 'netsuite',
  icon: 'SQL',
  idPrefix: 'suiteql',
  description: 'Runs your SuiteQL query against a NetSuite account, reading every page, and returns typed rows.',
  form: [
    { key: 'connectionId', label: 'Connection', type: 'connection', connectionKind: 'netsuite' },
    {
      key: 'query',
      label: 'SuiteQL',
      type: 'textarea',
      placeholder: "SELECT t.id, t.tranid, BUILTIN.DF(t.entity) AS vendor\nFROM transaction t\nWHERE t.type = 'PurchOrd' AND t.lastmodifieddate >= ?\nORDER BY t.id",
      hint: 'Joins, GROUP BY and FETCH FIRST work as in NetSuite. Put values in as ? and list them below; ORDER BY a unique key so pages do not overlap.',
    },
    { key: 'params', label: 'Values for ?', type: 'textarea', placeholder: "{{ steps.watermark.output.since }}", hint: 'One per line, in the order of the ? marks; templates allowed.' },
    { key: 'columnTypes', label: 'Column types', type: 'text', placeholder: 'amount=number, tranid=string', hint: 'Optional. Others are inferred: integer, number, boolean (T/F), date, datetime or string.' },
    { key: 'pageSize', label: 'Rows per request', type: 'number', min: 1, max: 1000 },
    { key: 'limit', label: 'At most (rows)', type: 'number', min: 1, hint: 'Output: rows, count, columns (name and type), truncated.' },
  ],
  configSchema,
  ports: ['out'],
  // The SQL is kept as written: values enter only through `params`.
  rawConfigKeys: ['query'],
  defaultConfig: { connectionId: '', query: '', params: '', columnTypes: '', pageSize: 1000 },
  async execute(config, ctx) {
    const declared = parseColumnTypes(config.columnTypes);
    const client = await netsuiteClient(ctx, config.connectionId);
    const limit = effectiveLimit(config.limit, ctx);
    // Offsets must be multiples of the page size, so a small limit shrinks the page instead.
    const pageSize = limit === undefined ? config.pageSize : Math.min(config.pageSize, limit);
    const saved = ((await ctx.checkpoints?.load()) ?? []).filter(isSavedPage);
    const rows: SuiteQlRow[] = saved.flatMap((p) => p.rows);
    const last = saved.at(-1);
    if (last) ctx.log('info', `resuming after ${saved.length} saved page(s) (${rows.length} row(s))`);
    let offset = last ? last.offset + pageSize : 0;
    let more = last ? last.hasMore : true;
    const cap = client.suiteqlRowCap;
    while (more && offset < cap && (limit === undefined || rows.length < limit)) {
      const page = await client.suiteqlPage(config.query, { limit: pageSize, offset, params: config.params, signal: ctx.signal });
      rows.push(...page.rows);
      more = page.hasMore && page.rows.length > 0;
      await ctx.checkpoints?.append({ offset, hasMore: more, rows: page.rows } satisfies SavedPage);
      ctx.log('debug', `rows ${offset + 1}–${offset + page.rows.length} of ${page.totalResults}`);
      offset += pageSize;
    }
    const truncated = more && offset >= cap && (limit === undefined || rows.length < limit);
    if (truncated) ctx.log('warn', `NetSuite stops a query at ${cap} rows; add "WHERE id > <last id>" and run again for the rest.`);
    const typed = typeRows(limit === undefined ? rows : rows.slice(0, limit), declared);
    const output: SuiteQlQueryOutput = { rows: typed.rows, count: typed.rows.length, columns: typed.columns, truncated };
    return { output };
  },
});
