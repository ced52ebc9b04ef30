import { PatchbayError } from '../../errors/patchbay-error';
import type { CustomFieldInfo } from './types';

// SuiteQL for purchase-order headers and lines. Custom columns come from the metadata catalog, so
// each account's own fields are fetched without hand-written queries per customer.

const safeColumn = /^[a-z][a-z0-9_]*$/i;

function column(alias: string, field: CustomFieldInfo): string[] {
  if (!safeColumn.test(field.id)) return [];
  const col = `${alias}.${field.id}`;
  switch (field.type) {
    case 'select':
    case 'multiselect':
      return [col, `BUILTIN.DF(${col}) AS ${field.id}_df`];
    case 'date':
      return [`TO_CHAR(${col}, 'YYYY-MM-DD') AS ${field.id}`];
    case 'datetime':
      return [`TO_CHAR(${col}, 'YYYY-MM-DD HH24:MI:SS') AS ${field.id}`];
    default:
      return [col];
  }
}

/** `2025-03-05T09:41:07Z` → the TO_TIMESTAMP literal SuiteQL compares against. */
export function sqlTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new PatchbayError('bad_request', `"${iso}" is not a date-time; use ISO 8601 such as 2025-03-01T00:00:00Z.`);
  const text = d.toISOString().slice(0, 19).replace('T', ' ');
  return `TO_TIMESTAMP('${text}', 'YYYY-MM-DD HH24:MI:SS')`;
}

export function headerSql(opts: { modifiedSince?: string | undefined; afterId: string | null; custom: readonly CustomFieldInfo[] }): string {
  const cols = [
    't.id',
    't.tranid',
    "TO_CHAR(t.trandate, 'YYYY-MM-DD') AS trandate",
    't.externalid',
    't.entity',
    'BUILTIN.DF(t.entity) AS entity_name',
    't.subsidiary',
    'BUILTIN.DF(t.subsidiary) AS subsidiary_name',
    't.currency',
    'BUILTIN.DF(t.currency) AS currency_name',
    't.email',
    't.memo',
    't.status',
    'BUILTIN.DF(t.status) AS status_name',
    't.foreigntotal',
    't.exchangerate',
    "TO_CHAR(t.createddate, 'YYYY-MM-DD HH24:MI:SS') AS createddate",
    "TO_CHAR(t.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lastmodifieddate",
    ...opts.custom.filter((f) => f.scope === 'body').flatMap((f) => column('t', f)),
  ];
  const where = ["t.type = 'PurchOrd'"];
  if (opts.modifiedSince) where.push(`t.lastmodifieddate >= ${sqlTimestamp(opts.modifiedSince)}`);
  if (opts.afterId !== null) where.push(`t.id > ${Number(opts.afterId)}`);
  return `SELECT ${cols.join(', ')} FROM transaction t WHERE ${where.join(' AND ')} ORDER BY t.id`;
}

export function linesSql(transactionIds: readonly string[], custom: readonly CustomFieldInfo[]): string {
  const ids = transactionIds.map((id) => Number(id)).filter((n) => Number.isInteger(n));
  const cols = [
    'tl.transaction',
    'tl.linesequencenumber',
    'tl.item',
    'BUILTIN.DF(tl.item) AS item_name',
    'tl.memo',
    'tl.quantity',
    'tl.rate',
    'tl.foreignamount',
    'tl.itemtype',
    'tl.quantityshiprecv',
    'tl.quantitybilled',
    'tl.isclosed',
    ...custom.filter((f) => f.scope === 'line').flatMap((f) => column('tl', f)),
  ];
  return (
    `SELECT ${cols.join(', ')} FROM transactionline tl ` +
    `WHERE tl.mainline = 'F' AND tl.transaction IN (${ids.join(', ')}) ORDER BY tl.transaction, tl.linesequencenumber`
  );
}
