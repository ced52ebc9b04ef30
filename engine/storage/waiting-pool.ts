import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { isDatabaseUnavailable } from './postgres';

// The pool a run thread's query builder uses on PostgreSQL (issue 15, "PostgreSQL unavailable"):
// a run does not fail, and does not lose what it holds in memory (deliveries made but not yet
// journaled), because the database restarted under it. A connection waits until one can be
// made; a statement outside a transaction that finds the server gone is sent again on a fresh
// connection once the server answers. A statement inside a transaction is not: the transaction
// is lost with its connection (nothing of it committed), so its caller fails and repeats the
// whole transaction (the journal writer does, see runtime/journal.ts).
//
// Sending again is safe for reads and for the run's writes, which set values rather than add to
// them. The one doubtful case is a commit whose acknowledgement was lost (a network cut, not a
// restart: PostgreSQL answers a statement before a fast shutdown ends its session); the rows are
// then either there or not, and a repeated insert fails on its key instead of writing twice.

/** Waits for the database and repeats `attempt` while it fails for want of it (DatabaseWatch.retry). */
export type RetryWhileUnavailable = <T>(attempt: () => Promise<T>) => Promise<T>;

const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback)\b/i;

class WaitingClient implements PostgresPoolClient {
  private inTransaction = false;
  /** Null between giving up a broken connection and getting a working one. */
  private client: pg.PoolClient | null;

  constructor(client: pg.PoolClient, private readonly pool: pg.Pool, private readonly retry: RetryWhileUnavailable) {
    this.client = client;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters: readonly unknown[] = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Nothing streams with a cursor (kysely.ts has none configured).
    if (typeof sqlOrCursor !== 'string') throw new Error('Streaming queries are not supported on this connection.');
    return this.send<R>(sqlOrCursor, parameters);
  }

  private async send<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    const ends = TRANSACTION_END.test(sql);
    try {
      const result = await this.sendOn<R>(sql, parameters);
      if (TRANSACTION_START.test(sql)) this.inTransaction = true;
      return result;
    } catch (e) {
      if (this.inTransaction || ends || !isDatabaseUnavailable(e)) throw e;
      // Outside a transaction (a BEGIN included): again, on a connection that works.
      return this.retry(async () => {
        this.client?.release(true);
        this.client = null;
        this.client = await this.pool.connect();
        const result = await this.sendOn<R>(sql, parameters);
        if (TRANSACTION_START.test(sql)) this.inTransaction = true;
        return result;
      });
    } finally {
      if (ends) this.inTransaction = false;
    }
  }

  private async sendOn<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (!this.client) throw new Error('The connection to PostgreSQL was lost.');
    // pg types its results loosely (any rows, a nullable count); Kysely reads only rows, command and rowCount.
    return (await this.client.query(sql, [...parameters])) as unknown as PostgresQueryResult<R>;
  }

  release(destroy?: boolean): void {
    this.client?.release(destroy);
    this.client = null;
  }
}

/** `pool` as Kysely's PostgresDialect takes it, with connections and statements that wait for the server. */
export function waitingPool(pool: pg.Pool, retry: RetryWhileUnavailable): PostgresPool {
  return {
    connect: async () => new WaitingClient(await retry(() => pool.connect()), pool, retry),
    end: () => pool.end(),
  };
}
