import type { Item, SimAccount, Vendor } from './model';
import type { Table, Val } from './sql-tables';

// The lists purchase orders point at, as SuiteQL tables: `entity` (also `vendor`: the account's
// vendors) and `item`. Ids are numbers so they join with transaction.entity and transactionline.item.

function table<R>(name: string, rows: (a: SimAccount) => Iterable<R>, cols: Record<string, (r: R) => Val>, display: Record<string, (r: R) => string | null> = {}): Table<R> {
  return {
    name,
    rows: (account) => rows(account),
    column: (_account, col) => cols[col],
    columnNames: () => Object.keys(cols),
    display: (_account, col) => display[col],
  };
}

export const entityTable = table<Vendor>('entity', (a) => a.vendors.values(), {
  id: (v) => Number(v.id),
  entityid: (v) => v.name,
  companyname: (v) => v.name,
  altname: (v) => v.name,
  email: (v) => v.email,
  type: () => 'Vendor',
  isinactive: () => 'F',
});

export const itemTable = table<Item>(
  'item',
  (a) => a.items.values(),
  {
    id: (i) => Number(i.id),
    itemid: (i) => i.name,
    displayname: (i) => i.name,
    description: (i) => i.description,
    itemtype: (i) => i.type,
    cost: (i) => i.rate,
    isinactive: () => 'F',
  },
  { itemtype: (i) => (i.type === 'InvtPart' ? 'Inventory Item' : i.type) },
);
