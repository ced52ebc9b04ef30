import { describe, expect, it } from 'vitest';
import { findOrder } from './connector';

// After a crash, an order in doubt counts as delivered only if Your App shows that very order.

describe('looking an order up in Your App by its external id', () => {
  const write = { method: 'POST', path: '/orders', body: { external_order_id: 'PO-7', total: 3 } };

  it('asks GET /orders?external_order_id=… and takes the order carrying that id', () => {
    const lookup = findOrder(write);
    expect(lookup).toMatchObject({ path: '/orders', query: { external_order_id: 'PO-7' } });
    expect(lookup?.found({ orders: [{ id: 'o1', external_order_id: 'PO-7' }] })).toEqual({ id: 'o1', external_order_id: 'PO-7' });
    expect(lookup?.found({ orders: [] })).toBeNull();
  });

  it('does not take another order for it when the API ignored the filter, so the order is sent instead of lost', () => {
    expect(findOrder(write)?.found({ orders: [{ id: 'o9', external_order_id: 'PO-1' }] })).toBeNull();
  });

  it('cannot look up writes other than creating an order with an external id', () => {
    expect(findOrder({ ...write, method: 'PUT' })).toBeNull();
    expect(findOrder({ ...write, path: '/customers' })).toBeNull();
    expect(findOrder({ ...write, body: { total: 3 } })).toBeNull();
  });
});
