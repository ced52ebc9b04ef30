import type { ColumnDataType, ColumnDefinitionBuilder, CompiledQuery, Compilable, CreateTableBuilder, Kysely, RawBuilder, SchemaModule } from 'kysely';

/** The SQL dialects the engine's storage runs on: SQLite (desktop, CLI) and PostgreSQL (server). */
export type Dialect = 'sqlite' | 'postgres';

/** What a migration hands the runner: something Kysely compiles, or a raw `sql` template. */
export type Statement = Compilable | RawBuilder<unknown>;

/**
 * One request a migration makes of the database. Migrations are generators that yield these and
 * receive the answer, so ONE definition runs synchronously on better-sqlite3 (the engine opens
 * SQLite synchronously) and asynchronously on pg: each runner drives the same generator.
 */
export type MigrationOp =
  | { readonly kind: 'exec'; readonly query: CompiledQuery }
  | { readonly kind: 'rows'; readonly query: CompiledQuery }
  | { readonly kind: 'columns'; readonly table: string };

export type Steps<T = void> = Generator<MigrationOp, T, unknown>;

/** Table types are unknown to migrations on purpose: a migration must not depend on today's schema. */
export type AnyTables = Record<string, Record<string, unknown>>;

export interface MigrationContext {
  readonly dialect: Dialect;
  /** Kysely's schema builder for this dialect; compile-only: hand what it builds to `exec`. */
  readonly schema: SchemaModule;
  /** Kysely's query builder for this dialect (data changes); compile-only, like `schema`. */
  readonly db: Kysely<AnyTables>;
  /** Column types that mean the same on both dialects (see ARCHITECTURE.md, "Storage dialects"). */
  readonly types: {
    /** JSON documents: text on both, written with JSON.stringify and read back byte for byte. */
    readonly json: ColumnDataType;
    /** ISO-8601 UTC instants from nowIso(): text on both, so they sort and compare as strings. */
    readonly timestamp: ColumnDataType;
    /** Floating point: SQLite's REAL is 8 bytes, PostgreSQL's `real` only 4. */
    readonly real: ColumnDataType;
  };
  /** Runs the statements in order. */
  exec(...statements: Statement[]): Steps;
  /** Runs a query and returns its rows. */
  rows<T>(statement: Statement): Steps<T[]>;
  /** The names of a table's columns, in order (empty when the table does not exist). */
  columns(table: string): Steps<string[]>;
  /** Triggers that make the database itself refuse updates and deletes of a table's rows (`released_immutable`). */
  refuseChanges(table: string): Steps;
  /** An integer key the database numbers (SQLite AUTOINCREMENT, PostgreSQL identity). */
  autoIncrementKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** SQLite's WITHOUT ROWID for a table keyed by its primary key alone (PostgreSQL has no rowid). */
  withoutRowid<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
}

/**
 * A numbered, append-only schema change, written once for both dialects. Never edit a shipped
 * migration; add the next one (ARCHITECTURE.md, "A migration").
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(m: MigrationContext): Steps;
}
