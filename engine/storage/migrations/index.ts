import type Database from 'better-sqlite3';
import { PatchbayError } from '../../errors/patchbay-error';
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
import type { Migration } from './types';

export const migrations: readonly Migration[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011,
  migration012, migration013,
];

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrate(db: Database.Database, upTo: number = Number.POSITIVE_INFINITY): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new PatchbayError('database_too_new', `The database is at schema ${current}, newer than this Patchbay (${latest}); update Patchbay to open it.`, { schema: current, supported: latest });
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
