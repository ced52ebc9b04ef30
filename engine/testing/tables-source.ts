import type { SchemaShape } from './schema-snapshot';

// Test support: renders engine/storage/tables.ts (the Kysely types of the engine's tables) from
// the schema the migrations build, so the types can never drift from the database.

const TS_TYPES: Record<string, string> = { text: 'string', integer: 'number', real: 'number' };

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());
}

export function renderTables(schema: SchemaShape): string {
  const names = Object.keys(schema).sort();
  const lines = [
    '// Generated from the schema the migrations build (engine/testing/tables-source.ts); do not edit.',
    '// After adding a migration, regenerate: PATCHBAY_WRITE_TABLES=1 npx vitest run engine/storage/tables.test.ts',
    '// JSON documents and ISO timestamps are strings on both dialects (ARCHITECTURE.md, "Storage dialects").',
    "import type { Generated } from 'kysely';",
    '',
    'export interface Tables {',
    ...names.map((n) => `  ${n}: ${pascal(n)}Table;`),
    '}',
  ];
  for (const n of names) {
    const table = schema[n];
    if (!table) continue;
    lines.push('', `export interface ${pascal(n)}Table {`);
    for (const c of table.columns) {
      const base = TS_TYPES[c.type] ?? 'unknown';
      const type = c.notNull ? base : `${base} | null`;
      const generated = c.default !== null || table.autoIncrement === c.name;
      lines.push(`  ${c.name}: ${generated ? `Generated<${type}>` : type};`);
    }
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}
