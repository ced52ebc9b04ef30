import type Database from 'better-sqlite3';
import type { ClientBase } from 'pg';
import { migration001 } from './001_core';
import { migration002 } from './002_connections';
import { migration003 } from './003_integrations';
import { migration004 } from './004_workflow_state';
import { migration005 } from './005_step_ports';
import { migration006 } from './006_step_checkpoints';
import { migration007 } from './007_run_lineage';
import { migration008 } from './008_shared_mappings';
import { migration009 } from './009_connection_hide_bodies';
import { migration010 } from './010_installation_lifecycle';
import { migration011 } from './011_golden_records';
import { migration012 } from './012_run_volume';
import { migration013 } from './013_user_versions';
import { migration014 } from './014_api_keys';
import { migration015 } from './015_publishing';
import { migration016 } from './016_users';
import { migration017 } from './017_loop_item_intent';
import { migratePostgres } from './postgres';
import { migrateSqlite } from './sqlite';
import type { Migration } from './types';

/** Every migration, in order; each runs on SQLite and on PostgreSQL (ARCHITECTURE.md, "A migration"). */
export const migrations: readonly Migration[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011,
  migration012, migration013, migration014, migration015, migration016, migration017,
];

/** Brings a SQLite database to the latest migration (or `upTo`); returns its version. */
export function migrate(db: Database.Database, upTo: number = Number.POSITIVE_INFINITY): number {
  return migrateSqlite(db, migrations, upTo);
}

/** Brings a PostgreSQL database (one connection, not a pool) to the latest migration (or `upTo`). */
export async function migratePg(client: ClientBase, upTo: number = Number.POSITIVE_INFINITY): Promise<{ from: number; to: number }> {
  return migratePostgres(client, migrations, upTo);
}
