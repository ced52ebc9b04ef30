import type { MigrationOp, Steps } from './types';

// The two ways to run a migration's generator: answering each request as it comes, synchronously
// (better-sqlite3) or by awaiting (pg). Every yielded request is answered before the next is made.

export function driveSync(steps: Steps, answer: (op: MigrationOp) => unknown): void {
  let next = steps.next();
  while (!next.done) next = steps.next(answer(next.value));
}

export async function driveAsync(steps: Steps, answer: (op: MigrationOp) => Promise<unknown>): Promise<void> {
  let next = steps.next();
  while (!next.done) next = steps.next(await answer(next.value));
}
