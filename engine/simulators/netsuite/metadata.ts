import type { CustomFieldDef, SimAccount } from './model';
import { recordUrl } from './render';

// metadata-catalog (reference §7): the root lists record types; `/metadata-catalog/purchaseOrder`
// returns a JSON Schema whose custom properties carry `x-ns-custom-field`; line fields sit in the
// item sublist's element definition.

type Json = Record<string, unknown>;

export function catalogRoot(base: string): Json {
  const href = `${base}/services/rest/record/v1/metadata-catalog/purchaseorder`;
  return {
    items: [
      {
        name: 'purchaseOrder',
        links: [
          { rel: 'canonical', href, mediaType: 'application/json' },
          { rel: 'alternate', href, mediaType: 'application/swagger+json' },
          { rel: 'alternate', href, mediaType: 'application/schema+json' },
          { rel: 'describes', href: recordUrl(base, 'purchaseorder') },
        ],
      },
    ],
    links: [{ rel: 'self', href: `${base}/services/rest/record/v1/metadata-catalog` }],
  };
}

function customProp(f: CustomFieldDef): Json {
  const common = { title: f.label, nullable: true, 'x-ns-custom-field': true, ...(f.filterable ? { 'x-ns-filterable': true } : {}) };
  switch (f.type) {
    case 'select':
      return { ...common, $ref: '#/definitions/nsResource' };
    case 'checkbox':
      return { ...common, type: 'boolean' };
    case 'date':
      return { ...common, type: 'string', format: 'date' };
    case 'decimal':
      return { ...common, type: 'number', format: 'double' };
    case 'integer':
      return { ...common, type: 'integer', format: 'int64' };
    default:
      return { ...common, type: 'string' };
  }
}

export function purchaseOrderSchema(account: SimAccount): Json {
  const body: Json = {
    id: { title: 'Internal ID', type: 'string', nullable: true },
    tranId: { title: 'PO #', type: 'string', nullable: true, 'x-ns-filterable': true },
    tranDate: { title: 'Date', type: 'string', format: 'date', nullable: true, 'x-ns-filterable': true },
    externalId: { title: 'External ID', type: 'string', nullable: true, 'x-ns-filterable': true },
    entity: { title: 'Vendor', $ref: '#/definitions/nsResource' },
    subsidiary: { title: 'Subsidiary', $ref: '#/definitions/nsResource' },
    currency: { title: 'Currency', $ref: '#/definitions/nsResource' },
    email: { title: 'Email', type: 'string', nullable: true, 'x-ns-filterable': true },
    memo: { title: 'Memo', type: 'string', nullable: true, 'x-ns-filterable': true },
    status: { title: 'Status', type: 'object', properties: { id: { type: 'string' }, refName: { type: 'string' } } },
    orderStatus: { title: 'Order Status', type: 'object', properties: { id: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] }, refName: { type: 'string' } } },
    total: { title: 'Total', type: 'number', format: 'double', nullable: true },
    exchangeRate: { title: 'Exchange Rate', type: 'number', format: 'double', nullable: true },
    createdDate: { title: 'Date Created', type: 'string', format: 'date-time', nullable: true, 'x-ns-filterable': true },
    lastModifiedDate: { title: 'Last Modified Date', type: 'string', format: 'date-time', nullable: true, 'x-ns-filterable': true },
    item: { title: 'Items', $ref: '#/definitions/purchaseOrder-itemCollection' },
    expense: { title: 'Expenses', $ref: '#/definitions/purchaseOrder-expenseCollection' },
  };
  const line: Json = {
    line: { title: 'Line', type: 'integer', format: 'int64' },
    item: { title: 'Item', $ref: '#/definitions/nsResource' },
    description: { title: 'Description', type: 'string', nullable: true },
    quantity: { title: 'Quantity', type: 'number', format: 'double' },
    rate: { title: 'Rate', type: 'number', format: 'double' },
    amount: { title: 'Amount', type: 'number', format: 'double' },
    quantityReceived: { title: 'Received', type: 'number', format: 'double' },
    quantityBilled: { title: 'Billed', type: 'number', format: 'double' },
    isClosed: { title: 'Closed', type: 'boolean' },
  };
  for (const f of account.customFields) (f.scope === 'body' ? body : line)[f.id] = customProp(f);
  return {
    $schema: 'http://json-schema.org/draft-06/hyper-schema#',
    type: 'object',
    properties: body,
    definitions: {
      nsResource: { type: 'object', properties: { id: { type: 'string' }, refName: { type: 'string' }, links: { type: 'array' } } },
      'purchaseOrder-itemCollection': {
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/definitions/purchaseOrder-itemElement' } }, totalResults: { type: 'integer' } },
      },
      'purchaseOrder-itemElement': { type: 'object', properties: line },
      'purchaseOrder-expenseCollection': { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } },
    },
  };
}
