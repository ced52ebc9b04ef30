// The OpenAPI description the sample "Your App" serves at GET /openapi.json: the order it receives
// on POST /orders. The visual mapper reads it for the target tree (fields, titles, required ones).

const str = (title: string) => ({ type: 'string', title });
const num = (title: string) => ({ type: 'number', title });

export const yourAppOpenApi = {
  openapi: '3.0.3',
  info: { title: 'Your App API', version: '1.0.0' },
  paths: {
    '/orders': {
      get: {
        summary: 'List orders, or find one by the external id it was created with',
        parameters: [{ name: 'external_order_id', in: 'query', required: false, schema: { type: 'string' }, description: 'Only the order created with this external id (none when it was never received)' }],
        responses: { '200': { description: '{ orders: Order[], count }' } },
      },
      post: {
        summary: 'Create or update an order (keyed by external_order_id)',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        responses: { '201': { description: 'Created' }, '200': { description: 'Updated' } },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: 'object',
        required: ['external_order_id', 'vendor', 'lineItems'],
        properties: {
          external_order_id: str('Order ID'),
          netsuite_id: str('NetSuite internal ID'),
          vendor: {
            type: 'object',
            title: 'Vendor',
            required: ['name'],
            properties: { name: str('Vendor name'), email: { type: 'string', format: 'email', title: 'Vendor email' } },
          },
          lineItems: { type: 'array', title: 'Line items', items: { $ref: '#/components/schemas/LineItem' } },
          custom_field_1: str('Assigned Procurement Rep'),
          custom_field_2: str('Shipping Priority'),
          first_name: str('First name'),
          last_name: str('Last name'),
          order_date: { type: 'string', format: 'date', title: 'Order date' },
          total: num('Order total'),
        },
      },
      LineItem: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: {
          sku: str('SKU'),
          product_name: str('Product name'),
          quantity: num('Quantity'),
          unit_cost: num('Unit cost'),
        },
      },
    },
  },
} as const;
