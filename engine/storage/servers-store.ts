import type { Kysely } from 'kysely';
import type { Tables } from './tables';

export interface ServerRow {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  /** Sealed with the desktop's master key; only the publish client opens it. */
  readonly sealedApiKey: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Row = Tables['servers'];
const fromRow = (r: Row): ServerRow => ({
  id: r.id, name: r.name, url: r.url, sealedApiKey: r.api_key, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The Patchbay servers this desktop publishes to (Settings › Servers), async over either dialect. */
export class ServersStore {
  constructor(private readonly k: Kysely<Tables>) {}

  async list(): Promise<ServerRow[]> {
    return (await this.k.selectFrom('servers').selectAll().orderBy('name').orderBy('id').execute()).map(fromRow);
  }

  async get(id: string): Promise<ServerRow | null> {
    const row = await this.k.selectFrom('servers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async upsert(row: ServerRow): Promise<void> {
    const values: Row = { id: row.id, name: row.name, url: row.url, api_key: row.sealedApiKey, created_at: row.createdAt, updated_at: row.updatedAt };
    await this.k.insertInto('servers').values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, url: row.url, api_key: row.sealedApiKey, updated_at: row.updatedAt }))
      .execute();
  }

  /** Forgets the server and when installations were published to it (the server keeps what it has). */
  async delete(id: string): Promise<boolean> {
    return this.k.transaction().execute(async (tx) => {
      await tx.deleteFrom('sent_publications').where('server_id', '=', id).execute();
      const result = await tx.deleteFrom('servers').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
