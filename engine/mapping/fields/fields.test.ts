import { describe, expect, it } from 'vitest';
import { sourceFieldsFromRecordSchema } from './record-schema';
import { targetFieldsFromSchema } from './target-schema';

describe('target fields from a schema', () => {
  it('reads an OpenAPI request body with references, nested objects and lists; required only down a required chain', () => {
    const doc = {
      openapi: '3.0.0',
      paths: { '/orders': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } } } },
      components: {
        schemas: {
          Order: { type: 'object', required: ['id', 'lines'], properties: { id: { type: 'string', title: 'Order ID' }, buyer: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } }, lines: { type: 'array', items: { $ref: '#/components/schemas/Line' } } } },
          Line: { type: 'object', required: ['qty'], properties: { qty: { type: 'integer' }, placed: { type: 'string', format: 'date' }, 'Full Name': { type: 'string' } } },
        },
      },
    };
    expect(targetFieldsFromSchema(doc)).toEqual([
      { path: 'id', type: 'string', label: 'Order ID', required: true },
      { path: 'buyer.email', type: 'string' },
      { path: 'lines[*].qty', type: 'integer', required: true },
      { path: 'lines[*].placed', type: 'date' },
      { path: 'lines[*]["Full Name"]', type: 'string' },
    ]);
  });

  it('refuses what is not a schema with a plain message', () => {
    expect(() => targetFieldsFromSchema('text')).toThrow(expect.objectContaining({ code: 'mapping_schema_invalid' }));
    expect(() => targetFieldsFromSchema({ openapi: '3.0.0', paths: {} })).toThrow(/no request body schema/);
    expect(() => targetFieldsFromSchema({ type: 'object', properties: {} })).toThrow(/no fields/);
  });
});

describe('source fields from a NetSuite record schema', () => {
  it('labels standard and custom fields, splits list fields into id and refName, and walks sublists', () => {
    const schema = {
      properties: {
        tranId: { title: 'PO #', type: 'string' },
        custbody_ship_via_code: { title: 'Ship Via Code', type: 'string', 'x-ns-custom-field': true },
        entity: { title: 'Vendor', $ref: '#/definitions/nsResource' },
        orderStatus: { title: 'Order Status', type: 'object', properties: { id: { type: 'string', enum: ['A', 'B'] }, refName: { type: 'string' } } },
        item: { title: 'Items', $ref: '#/definitions/items' },
      },
      definitions: {
        nsResource: { type: 'object', properties: { id: { type: 'string' }, refName: { type: 'string' }, links: { type: 'array' } } },
        items: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/definitions/line' } } } },
        line: { type: 'object', properties: { rate: { title: 'Rate', type: 'number' }, custcol_colour: { title: 'Colour', type: 'string', 'x-ns-custom-field': true } } },
      },
    };
    const fields = sourceFieldsFromRecordSchema(schema);
    expect(fields.map((f) => [f.path, f.label])).toEqual([
      ['tranId', 'PO #'],
      ['custbody_ship_via_code', 'Ship Via Code'],
      ['entity.id', 'Vendor (ID)'],
      ['entity.refName', 'Vendor'],
      ['orderStatus.id', 'Order Status (ID)'],
      ['orderStatus.refName', 'Order Status'],
      ['item.items[*].rate', 'Rate'],
      ['item.items[*].custcol_colour', 'Colour'],
    ]);
    expect(fields.find((f) => f.path === 'custbody_ship_via_code')?.custom).toBe(true);
    expect(fields.find((f) => f.path === 'orderStatus.id')?.options).toEqual(['A', 'B']);
  });
});
