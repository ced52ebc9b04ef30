import type Database from 'better-sqlite3';
import type { ClientBase } from 'pg';

// Test support: a database's schema as comparable data, read back from the database itself
// (SQLite's PRAGMAs, PostgreSQL's catalogs) in one shape for both, so a test can say "these two
// databases have the same tables, columns, keys, indexes and triggers".

export interface TableShape {
  /** In table order; `type` is the portable kind (text, integer, real). */
  columns: Array<{ name: string; type: string; notNull: boolean; default: string | null }>;
  primaryKey: string[];
  autoIncrement: string | null;
  /** "column -> table(column) ON DELETE rule" */
  foreignKeys: string[];
  /** Column lists of UNIQUE constraints other than the primary key. */
  unique: string[];
  /** Explicitly created indexes: "name(column, column DESC)". */
  indexes: string[];
  triggers: string[];
}

export type SchemaShape = Record<string, TableShape>;

const SQLITE_TYPES: Record<string, string> = { TEXT: 'text', INTEGER: 'integer', REAL: 'real' };
const POSTGRES_TYPES: Record<string, string> = { text: 'text', integer: 'integer', 'double precision': 'real' };

function portableType(types: Record<string, string>, declared: string, where: string): string {
  const type = types[declared];
  if (!type) throw new Error(`${where} has type ${declared}, which has no counterpart on the other dialect`);
  return type;
}

export function sqliteSchema(db: Database.Database): { tables: SchemaShape; withoutRowid: string[] } {
  const all = <T>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];
  const tables = all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  const shape: SchemaShape = {};
  for (const t of tables) {
    const columns = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>('SELECT * FROM pragma_table_info(?)', t.name);
    const indexList = all<{ name: string; unique: number; origin: string }>('SELECT * FROM pragma_index_list(?)', t.name);
    const keyColumns = (index: string): string =>
      all<{ name: string; desc: number; key: number }>('SELECT * FROM pragma_index_xinfo(?) ORDER BY seqno', index)
        .filter((c) => c.key === 1)
        .map((c) => (c.desc ? `${c.name} DESC` : c.name))
        .join(', ');
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    shape[t.name] = {
      columns: columns.map((c) => ({ name: c.name, type: portableType(SQLITE_TYPES, c.type.toUpperCase(), `${t.name}.${c.name}`), notNull: c.notnull === 1 || c.pk > 0, default: c.dflt_value })),
      primaryKey,
      autoIncrement: /AUTOINCREMENT/i.test(t.sql) ? (primaryKey[0] ?? null) : null,
      foreignKeys: all<{ from: string; table: string; to: string; on_delete: string }>('SELECT * FROM pragma_foreign_key_list(?)', t.name)
        .map((f) => `${f.from} -> ${f.table}(${f.to}) ON DELETE ${f.on_delete}`)
        .sort(),
      unique: indexList.filter((i) => i.origin === 'u').map((i) => keyColumns(i.name)).sort(),
      indexes: indexList.filter((i) => i.origin === 'c').map((i) => `${i.name}(${keyColumns(i.name)})`).sort(),
      triggers: all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`, t.name).map((r) => r.name),
    };
  }
  return { tables: shape, withoutRowid: tables.filter((t) => /WITHOUT ROWID\s*$/i.test(t.sql)).map((t) => t.name) };
}

/** Every table of the current schema except the migration ledger. */
export async function postgresSchema(client: ClientBase): Promise<SchemaShape> {
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const tables = await rows<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'patchbay_migrations' ORDER BY table_name`);
  const keyColumns = (constraintType: string) =>
    rows<{ table_name: string; constraint_name: string; column_name: string }>(
      `SELECT tc.table_name, tc.constraint_name, k.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.constraint_schema = tc.constraint_schema
        WHERE tc.constraint_schema = current_schema() AND tc.constraint_type = $1 ORDER BY tc.constraint_name, k.ordinal_position`,
      [constraintType],
    );
  const primary = await keyColumns('PRIMARY KEY');
  const unique = await keyColumns('UNIQUE');
  const foreign = await rows<{ table_name: string; column_name: string; ref_table: string; ref_column: string; delete_rule: string }>(
    `SELECT k.table_name, k.column_name, c.table_name AS ref_table, c.column_name AS ref_column, r.delete_rule
       FROM information_schema.referential_constraints r
       JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name AND k.constraint_schema = r.constraint_schema
       JOIN information_schema.constraint_column_usage c ON c.constraint_name = r.constraint_name AND c.constraint_schema = r.constraint_schema
      WHERE r.constraint_schema = current_schema()`,
  );
  const constraintNames = new Set([...primary, ...unique].map((k) => k.constraint_name));
  const indexes = (await rows<{ tablename: string; indexname: string; indexdef: string }>(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`))
    .filter((i) => !constraintNames.has(i.indexname));
  const triggers = await rows<{ table: string; name: string }>(`SELECT DISTINCT event_object_table AS table, trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY name`);
  const shape: SchemaShape = {};
  for (const { table_name: table } of tables) {
    const columns = await rows<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
      'SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
      [table],
    );
    const grouped = (keys: typeof primary): string[] => [...new Set(keys.filter((k) => k.table_name === table).map((k) => k.constraint_name))].map((name) => keys.filter((k) => k.constraint_name === name).map((k) => k.column_name).join(', '));
    shape[table] = {
      columns: columns.map((c) => ({
        name: c.column_name,
        type: portableType(POSTGRES_TYPES, c.data_type, `${table}.${c.column_name}`),
        notNull: c.is_nullable === 'NO',
        // PostgreSQL shows a text default with its cast ('{}'::text); SQLite shows the literal.
        default: c.column_default?.replace(/::(text|integer)$/, '') ?? null,
      })),
      primaryKey: (grouped(primary)[0] ?? '').split(', ').filter(Boolean),
      autoIncrement: columns.find((c) => c.is_identity === 'YES')?.column_name ?? null,
      foreignKeys: foreign.filter((f) => f.table_name === table).map((f) => `${f.column_name} -> ${f.ref_table}(${f.ref_column}) ON DELETE ${f.delete_rule}`).sort(),
      unique: grouped(unique).sort(),
      indexes: indexes.filter((i) => i.tablename === table).map((i) => `${i.indexname}(${/\((.*)\)$/.exec(i.indexdef)?.[1] ?? '?'})`).sort(),
      triggers: triggers.filter((t) => t.table === table).map((t) => t.name),
    };
  }
  return shape;
}
