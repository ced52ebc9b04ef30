import { withClient } from '../engine/testing/postgres';

// Counts the commits every process made to one PostgreSQL database, from the cumulative
// statistics (`pg_stat_database.xact_commit`). A backend reports its counts when its transaction
// ends or it exits, so read the final figure after the workers and the server have closed their
// connections; the counter's own two queries add two commits, which a bench can ignore.

async function xactCommit(url: string): Promise<number> {
  const rows = await withClient(url, (c) => c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()'));
  return Number(rows.rows[0]?.n ?? 0);
}

export interface PgCommitCounter {
  /** Commits to the database since the counter started. */
  count(): Promise<number>;
}

export async function countPgCommits(databaseUrl: string): Promise<PgCommitCounter> {
  const start = await xactCommit(databaseUrl);
  return { count: async () => (await xactCommit(databaseUrl)) - start };
}
