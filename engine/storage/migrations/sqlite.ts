import type Database from 'better-sqlite3';
import { migrationContext } from './context';
import { driveSync, pending } from './drive';
import type { Migration, MigrationOp } from './types';

// SQLite keeps its schema version in PRAGMA user_version, as every Patchbay database always has,
// so databases made before the migrations were re-expressed for two dialects migrate on unchanged.

function answer(db: Database.Database, op: MigrationOp): unknown {
  switch (op.kind) {
    case 'exec':
      // exec() skips preparing a statement object, which costs more than the DDL itself.
      if (op.query.parameters.length === 0) db.exec(op.query.sql);
      else db.prepare(op.query.sql).run(...op.query.parameters);
      return undefined;
    case 'rows':
      return db.prepare(op.query.sql).all(...op.query.parameters);
    case 'columns':
      return (db.prepare('SELECT name FROM pragma_table_info(?)').all(op.table) as Array<{ name: string }>).map((c) => c.name);
  }
}

/** Runs one migration's statements (no version bookkeeping): for tests that need a single table. */
export function applyMigration(db: Database.Database, migration: Migration): void {
  driveSync(migration.up(migrationContext('sqlite')), (op) => answer(db, op));
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[], upTo: number): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of pending(migrations, current, upTo)) {
    db.transaction(() => {
      applyMigration(db, m);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
