import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import type { AnyTables, Dialect, MigrationContext, Statement, Steps } from './types';

// Builds what a migration sees for one dialect. Kysely is used here only to COMPILE statements
// (a DummyDriver executes nothing); the runners execute them, synchronously on better-sqlite3 and
// asynchronously on pg.

function compiler(dialect: Dialect): Kysely<AnyTables> {
  const sqlite = dialect === 'sqlite';
  return new Kysely<AnyTables>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db)),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
  });
}

function build(dialect: Dialect): MigrationContext {
  const db = compiler(dialect);
  const compile = (statement: Statement): CompiledQuery => statement.compile(db);
  const exec = function* (...statements: Statement[]): Steps {
    for (const s of statements) yield { kind: 'exec', query: compile(s) };
  };
  const refusal = dialect === 'sqlite'
    ? (table: string, event: 'UPDATE' | 'DELETE') => sql`CREATE TRIGGER ${sql.id(`${table}_no_${event.toLowerCase()}`)} BEFORE ${sql.raw(event)} ON ${sql.table(table)} BEGIN SELECT RAISE(ABORT, 'released_immutable'); END`
    : (table: string, event: 'UPDATE' | 'DELETE') => sql`CREATE TRIGGER ${sql.id(`${table}_no_${event.toLowerCase()}`)} BEFORE ${sql.raw(event)} ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION patchbay_refuse_change()`;
  return {
    dialect,
    schema: db.schema,
    db,
    types: { json: 'text', timestamp: 'text', real: dialect === 'sqlite' ? 'real' : 'double precision' },
    exec,
    *rows<T>(statement: Statement): Steps<T[]> {
      return (yield { kind: 'rows', query: compile(statement) }) as T[];
    },
    *columns(table: string): Steps<string[]> {
      return (yield { kind: 'columns', table }) as string[];
    },
    *refuseChanges(table: string): Steps {
      if (dialect === 'postgres') {
        // The same error text as SQLite's RAISE, so callers match one message on both.
        yield* exec(sql`CREATE OR REPLACE FUNCTION patchbay_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'released_immutable'; END $$`);
      }
      yield* exec(refusal(table, 'UPDATE'), refusal(table, 'DELETE'));
    },
    autoIncrementKey: (column) => (dialect === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey().generatedByDefaultAsIdentity()),
    withoutRowid: (table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table),
  };
}

const contexts = new Map<Dialect, MigrationContext>();

export function migrationContext(dialect: Dialect): MigrationContext {
  let context = contexts.get(dialect);
  if (!context) contexts.set(dialect, (context = build(dialect)));
  return context;
}
