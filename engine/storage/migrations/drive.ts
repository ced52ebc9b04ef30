import { PatchbayError } from '../../errors/patchbay-error';
import type { Migration, MigrationOp, Steps } from './types';

// What both dialects' runners share: which migrations a database still needs, and the two ways to
// run a migration's generator, answering each request as it comes, synchronously (better-sqlite3)
// or by awaiting (pg).

/** The migrations above `current` up to `upTo`; refuses a database a newer Patchbay wrote. */
export function pending(migrations: readonly Migration[], current: number, upTo: number): Migration[] {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new PatchbayError('database_too_new', `The database is at schema ${current}, newer than this Patchbay (${latest}); update Patchbay to open it.`, { schema: current, supported: latest });
  }
  return migrations.filter((m) => m.version > current && m.version <= upTo);
}

export function driveSync(steps: Steps, answer: (op: MigrationOp) => unknown): void {
  let next = steps.next();
  while (!next.done) next = steps.next(answer(next.value));
}

export async function driveAsync(steps: Steps, answer: (op: MigrationOp) => Promise<unknown>): Promise<void> {
  let next = steps.next();
  while (!next.done) next = steps.next(await answer(next.value));
}
