import { describe, expect, it } from 'vitest';
import { parseColumnTypes, typeRows } from './typed-rows';

describe('typed SuiteQL rows', () => {
  it('infers types per column from all its values, and fills missing columns with null', () => {
    const { columns, rows } = typeRows(
      [
        { id: '7', zip: '02134', amount: '12.5', mainline: 'T', status: 'F', day: '2025-03-04', at: '2025-03-04 09:41:07', shown: '3/4/2025' },
        { id: '8', zip: '10001', amount: '3', mainline: 'F', status: 'F', day: '2025-03-05', shown: '3/5/2025', memo: 'late' },
      ],
      {},
    );
    expect(Object.fromEntries(columns.map((c) => [c.name, c.type]))).toEqual({
      id: 'integer', zip: 'string', amount: 'number', mainline: 'boolean', status: 'string', day: 'date', at: 'datetime', shown: 'string', memo: 'string',
    });
    expect(rows[0]).toMatchObject({ id: 7, zip: '02134', amount: 12.5, mainline: true, status: 'F', at: '2025-03-04T09:41:07', memo: null });
    expect(rows[1]).toMatchObject({ at: null, mainline: false });
  });

  it('uses declared types, reading display dates as M/D/YYYY, and names a value that does not fit', () => {
    expect(typeRows([{ tranid: '1042', d: '3/4/2025' }], parseColumnTypes('tranid=string\nd: date')).rows).toEqual([{ tranid: '1042', d: '2025-03-04' }]);
    expect(() => typeRows([{ d: '14/5/2025' }], { d: 'date' })).toThrow(/Column "d" was declared date/);
    expect(() => parseColumnTypes('amount=money')).toThrow(/column=type/);
  });
});
