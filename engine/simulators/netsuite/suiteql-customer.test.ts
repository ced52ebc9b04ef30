import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../errors/patchbay-error';
import { harness, type Harness } from '../../connectors/netsuite/testkit';
import { lineAmount, orderTotal, type SimAccount } from './model';

// SuiteQL as customers write it, sent by the connector to the simulator over loopback. Expected
// values are computed here from the account's data, independently of the SQL engine.

let h: Harness;
let account: SimAccount;
beforeAll(async () => {
  h = await harness(60);
  account = h.sim.account(h.creds.accountId);
});
afterAll(() => h.close());

const orders = () => [...account.orders.values()];
const q = (sql: string, pageSize?: number) => h.client.suiteql(sql, pageSize ? { pageSize } : {});

describe('SuiteQL joins', () => {
  it('joins transaction to transactionline, entity and item with ANSI JOIN … ON', async () => {
    const rows = await q(`
      SELECT t.tranid, e.companyname AS vendor, i.itemid AS sku, tl.quantity, tl.rate
      FROM transaction t
      INNER JOIN transactionline tl ON tl.transaction = t.id
      JOIN entity e ON e.id = t.entity
      JOIN item i ON i.id = tl.item
      WHERE t.type = 'PurchOrd' AND tl.mainline = 'F'
      ORDER BY t.id, tl.linesequencenumber`);
    const expected = orders().flatMap((o) =>
      o.lines.map((l) => ({ tranid: o.tranId, vendor: account.vendors.get(o.entityId)?.name, sku: account.items.get(l.itemId)?.name, quantity: String(l.quantity), rate: String(l.rate) })),
    );
    expect(rows).toEqual(expected);
  });

  it('gives the same rows for a comma join with the condition in WHERE', async () => {
    const ansi = await q('SELECT t.id, tl.linesequencenumber FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE tl.mainline = \'F\' ORDER BY t.id, tl.linesequencenumber');
    const comma = await q("SELECT t.id, tl.linesequencenumber FROM transaction t, transactionline tl WHERE tl.transaction = t.id AND tl.mainline = 'F' ORDER BY 1, 2");
    expect(comma).toEqual(ansi);
    expect(comma).toHaveLength(orders().reduce((n, o) => n + o.lines.length, 0));
  });

  it('keeps unmatched rows in a LEFT JOIN', async () => {
    const rows = await q("SELECT t.id, x.id AS other FROM transaction t LEFT OUTER JOIN transactionline x ON x.transaction = t.id AND x.linesequencenumber = 999 ORDER BY t.id FETCH FIRST 3 ROWS ONLY");
    expect(rows).toEqual(orders().slice(0, 3).map((o) => ({ id: String(o.id) })));
  });
});

describe('SuiteQL aggregates', () => {
  it('counts and sums lines per order with GROUP BY, HAVING and ORDER BY an aggregate', async () => {
    const rows = await q(`
      SELECT tl.transaction, COUNT(*) AS lines, SUM(tl.quantity * tl.rate) AS amount, MIN(tl.rate) AS cheapest, MAX(tl.rate)
      FROM transactionline tl WHERE tl.mainline = 'F'
      GROUP BY tl.transaction HAVING COUNT(*) >= 2 ORDER BY amount DESC, tl.transaction`);
    const expected = orders()
      .filter((o) => o.lines.length >= 2)
      .map((o) => ({
        transaction: String(o.id),
        lines: String(o.lines.length),
        amount: o.lines.reduce((s, l) => s + l.quantity * l.rate, 0),
        cheapest: String(Math.min(...o.lines.map((l) => l.rate))),
        expr1: String(Math.max(...o.lines.map((l) => l.rate))),
      }))
      .sort((a, b) => b.amount - a.amount || Number(a.transaction) - Number(b.transaction));
    expect(rows.map((r) => ({ ...r, amount: Number(r.amount) }))).toEqual(expected.map((e) => ({ ...e, amount: expect.closeTo(e.amount, 6) })));
  });

  it('aggregates per vendor across a join, and over the whole table without GROUP BY', async () => {
    const perVendor = await q('SELECT BUILTIN.DF(t.entity) AS vendor, COUNT(t.id) AS orders FROM transaction t JOIN entity e ON e.id = t.entity GROUP BY t.entity ORDER BY vendor');
    const counts = new Map<string, number>();
    for (const o of orders()) {
      const name = account.vendors.get(o.entityId)?.name ?? '';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(perVendor).toEqual([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([vendor, n]) => ({ vendor, orders: String(n) })));

    const [totals] = await q("SELECT COUNT(*) AS n, SUM(tl.foreignamount) AS total, MIN(t.trandate) AS first FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE tl.mainline = 'T'");
    expect(Number(totals?.n)).toBe(orders().length);
    expect(Number(totals?.total)).toBeCloseTo(orders().reduce((s, o) => s + orderTotal(o), 0), 6);
    expect(totals?.first).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    const [none] = await q("SELECT COUNT(*) AS n, SUM(tl.rate) AS s FROM transactionline tl WHERE tl.transaction = -1");
    expect(none).toEqual({ n: '0' });
  });

  it('refuses a plain column that is neither grouped nor aggregated', async () => {
    const e = await h.client.suiteql('SELECT t.tranid, COUNT(*) FROM transaction t GROUP BY t.entity').catch((x: unknown) => x);
    expect(isPatchbayError(e) && e.code).toBe('bad_request');
    expect(String((e as Error).message)).toMatch(/not a GROUP BY expression/);
  });
});

describe('SuiteQL SELECT *, TOP and FETCH FIRST', () => {
  it('returns every column for SELECT * and t.*', async () => {
    const [first] = await q('SELECT * FROM transaction ORDER BY id FETCH FIRST 1 ROWS ONLY');
    const o = orders()[0];
    expect(first).toMatchObject({ id: String(o?.id), tranid: o?.tranId, type: 'PurchOrd', entity: o?.entityId });
    expect(Object.keys(first ?? {})).toEqual(expect.arrayContaining(['lastmodifieddate', 'trandate', 'status', 'custbody_approved_flag']));
    const [line] = await q("SELECT tl.*, e.companyname FROM transactionline tl JOIN transaction t ON t.id = tl.transaction JOIN entity e ON e.id = t.entity WHERE tl.mainline = 'F' ORDER BY tl.transaction, tl.linesequencenumber FETCH NEXT 1 ROW ONLY");
    const l = o?.lines[0];
    expect(line).toMatchObject({ transaction: String(o?.id), item: l?.itemId, foreignamount: String(l ? lineAmount(l) : 0), companyname: account.vendors.get(o?.entityId ?? '')?.name });
  });

  it('limits rows with TOP n and FETCH FIRST n ROWS ONLY, after ORDER BY, across pages', async () => {
    const desc = [...orders()].sort((a, b) => b.id - a.id);
    expect((await q('SELECT TOP 7 id FROM transaction ORDER BY id DESC')).map((r) => r.id)).toEqual(desc.slice(0, 7).map((o) => String(o.id)));
    // 25 rows in pages of 10: the limit holds across offset pages.
    const rows = await q('SELECT t.id FROM transaction t ORDER BY t.id DESC FETCH FIRST 25 ROWS ONLY', 10);
    expect(rows.map((r) => r.id)).toEqual(desc.slice(0, 25).map((o) => String(o.id)));
    // ROWNUM numbers rows before ORDER BY, as in Oracle: the first 4 read, then sorted.
    expect((await q('SELECT id FROM transaction WHERE ROWNUM <= 4 ORDER BY id DESC')).map((r) => r.id)).toEqual(orders().slice(0, 4).reverse().map((o) => String(o.id)));
    const skipped = await q('SELECT id FROM transaction ORDER BY id OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY');
    expect(skipped.map((r) => r.id)).toEqual(orders().slice(5, 8).map((o) => String(o.id)));
  });

  it('names an ambiguous column and an unknown table', async () => {
    const amb = await h.client.suiteql('SELECT id FROM transaction t JOIN transactionline tl ON tl.transaction = t.id').then(() => new Error('expected a failure'), (x: unknown) => x as Error);
    expect(amb.message).toMatch(/ambiguously defined.*qualify it/);
    const unknown = await h.client.suiteql('SELECT x.id FROM customrecord_x x').then(() => new Error('expected a failure'), (x: unknown) => x as Error);
    expect(unknown.message).toMatch(/Record 'customrecord_x' was not found/);
  });
});

describe('SuiteQL expressions', () => {
  it('reads a parenthesised arithmetic comparison with ? values in order', async () => {
    const o = orders()[3];
    const rows = await h.client.suiteql('SELECT t.id FROM transaction t WHERE (t.id + ?) = ? AND t.tranid LIKE ?', { params: ['1', String((o?.id ?? 0) + 1), 'PO%'] });
    expect(rows).toEqual([{ id: String(o?.id) }]);
  });
});

describe('SuiteQL DISTINCT and CASE', () => {
  it('returns each distinct row once, and buckets with CASE inside an aggregate', async () => {
    const vendors = await q('SELECT DISTINCT t.entity FROM transaction t ORDER BY t.entity');
    expect(vendors.map((r) => r.entity)).toEqual([...new Set(orders().map((o) => o.entityId))].sort((a, b) => Number(a) - Number(b)));
    const [buckets] = await q(`
      SELECT SUM(CASE WHEN tl.quantity >= 10 THEN 1 ELSE 0 END) AS big,
             COUNT(CASE tl.isclosed WHEN 'T' THEN 1 END) AS closed,
             COUNT(*) AS lines
      FROM transactionline tl WHERE tl.mainline = 'F'`);
    const lines = orders().flatMap((o) => o.lines);
    expect(buckets).toEqual({ big: String(lines.filter((l) => l.quantity >= 10).length), closed: String(lines.filter((l) => l.isClosed).length), lines: String(lines.length) });
  });
});
