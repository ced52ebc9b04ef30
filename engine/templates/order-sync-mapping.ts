/** The Order Sync workflows' one shared mapping: every Map Fields block of the template names it. */
export const ORDER_SYNC_MAPPING = 'NetSuite purchase order → Your App order';

// The seed mapping from DESIGN.md (the spreadsheet agreed with the customer), in NetSuite REST
// paths, plus the internal id the write-back workflow needs to address the order again.
export const orderSyncMappingRules = [
  { id: 'external_order_id', target: 'external_order_id', source: 'tranId', transforms: [], note: 'OrderId (tranId)' },
  { id: 'netsuite_id', target: 'netsuite_id', source: 'id', transforms: [], note: 'NetSuite internal id, for the tracking-number write-back' },
  { id: 'vendor_name', target: 'vendor.name', source: 'subsidiary.refName', transforms: [], note: 'Subsidiary.refName' },
  { id: 'vendor_email', target: 'vendor.email', source: 'email', transforms: [], note: 'Email' },
  { id: 'line_sku', target: 'lineItems[*].sku', source: 'item.items[*].item.refName', transforms: [], note: 'lines[*].ItemSku' },
  { id: 'line_name', target: 'lineItems[*].product_name', source: 'item.items[*].description', transforms: [], note: 'lines[*].Name' },
  { id: 'line_qty', target: 'lineItems[*].quantity', source: 'item.items[*].quantity', transforms: [{ name: 'number', args: [] }], note: 'lines[*].Quantity' },
  { id: 'line_cost', target: 'lineItems[*].unit_cost', source: 'item.items[*].rate', transforms: [{ name: 'number', args: [] }], note: 'lines[*].Rate' },
  { id: 'custom_field_1', target: 'custom_field_1', source: 'custbody_assigned_procurement_rep.refName', transforms: [], note: 'cust_Assigned_Procurement_Rep' },
  { id: 'custom_field_2', target: 'custom_field_2', source: 'custbody_shipping_priority.refName', transforms: [], note: 'cust_ShippingPriority' },
  { id: 'first_name', target: 'first_name', source: 'entity.refName', transforms: [{ name: 'splitName', args: ['first'] }], note: 'Full Name (split)' },
  { id: 'last_name', target: 'last_name', source: 'entity.refName', transforms: [{ name: 'splitName', args: ['last'] }], note: 'Full Name (split)' },
] as const;
