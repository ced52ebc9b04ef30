import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { openDatabase } from '../../../storage/db';
import { sqliteKysely } from '../../../storage/kysely';
import { StateRepo } from '../../../storage/state-repo';
import { tempDir } from '../../../testing/temp-engine';
import { isOwnEcho, ownWritesInState } from './own-writes';

const order = (id: string, lastModifiedDate: string): PurchaseOrder => ({ id, lastModifiedDate }) as PurchaseOrder;

describe('own writes', () => {
  it('are remembered per installation and connection in a real database, the latest write winning', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'p.db'));
    try {
      const own = ownWritesInState(new StateRepo(sqliteKysely(db)));
      const po = (id: string) => ({ installationId: 'acme', connectionId: 'ns', recordType: 'purchaseOrder', id });
      await own.remember(po('1001'), '2026-11-30T10:41:07Z');
      await own.remember(po('1002'), '2026-11-30T10:41:08Z');
      await own.remember(po('1001'), '2026-11-30T10:45:00Z');
      expect([...(await own.recall('acme', 'ns', 'purchaseOrder', ['1001', '1002', '1003']))]).toEqual([['1001', '2026-11-30T10:45:00Z'], ['1002', '2026-11-30T10:41:08Z']]);
      // Another customer's installation, or another account, did not write them.
      expect((await own.recall('globex', 'ns', 'purchaseOrder', ['1001'])).size).toBe(0);
      expect((await own.recall('acme', 'other-ns', 'purchaseOrder', ['1001'])).size).toBe(0);
    } finally {
      db.close();
      dir.remove();
    }
  });

  it('match an order still at the time our write left it, at the precision the order was read with', () => {
    const ours = '2026-11-30T10:41:07Z';
    expect(isOwnEcho(order('1', '2026-11-30T10:41:07Z'), ours, 'second')).toBe(true);
    // Someone else changed it two seconds later: SuiteQL tells them apart.
    expect(isOwnEcho(order('1', '2026-11-30T10:41:09Z'), ours, 'second')).toBe(false);
    // The record API shows minutes: the same minute is taken for ours, the next one is not.
    expect(isOwnEcho(order('1', '2026-11-30T10:41:00Z'), ours, 'minute')).toBe(true);
    expect(isOwnEcho(order('1', '2026-11-30T10:42:00Z'), ours, 'minute')).toBe(false);
    expect(isOwnEcho(order('1', '2026-11-30T10:41:07Z'), undefined, 'second')).toBe(false);
  });
});
