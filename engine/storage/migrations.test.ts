import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-engine';
import { openDatabase } from './db';
import { migrate, migrations } from './migrations';

const latest = migrations[migrations.length - 1]?.version ?? 0;

describe('migrations', () => {
  it('brings an empty database to the latest version in WAL mode', () => {
    const dir = tempDir();
    try {
      const db = openDatabase(join(dir.path, 'p.db'));
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['workflows', 'workflow_revisions', 'runs', 'steps', 'payloads']));
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('upgrades a database left at migration 1, keeping its data', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'old.db');
      const old = new Database(file);
      expect(migrate(old, 1)).toBe(1);
      old.prepare(`INSERT INTO workflows (id, name, rev, doc, created_at, updated_at) VALUES ('w1', 'Kept', 1, '{"name":"Kept","blocks":[],"edges":[]}', 'now', 'now')`).run();
      old.close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.prepare(`SELECT name FROM workflows WHERE id = 'w1'`).get()).toEqual({ name: 'Kept' });
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('refuses a database from a newer Patchbay', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'future.db');
      const db = new Database(file);
      db.pragma(`user_version = ${latest + 1}`);
      db.close();
      expect(() => openDatabase(file)).toThrow(/newer than this Patchbay/);
    } finally {
      dir.remove();
    }
  });

  it('numbers migrations strictly upwards from 1', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? 0))).toBe(true);
  });
});
