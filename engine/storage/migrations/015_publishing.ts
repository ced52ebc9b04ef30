import type { Migration } from './types';

// Publishing from the desktop to a Patchbay server (issue 15). On the desktop: the servers it knows
// (the API key sealed with the desktop's master key, never shown again) and when each installation
// was last published to each. On the server: where each published installation came from.
export const migration015: Migration = {
  version: 15,
  name: 'servers to publish to, and where installations were published',
  *up(m) {
    yield* m.exec(
      m.schema.createTable('servers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        /** Sealed with the desktop's SecretBox (context `server:<id>:apiKey`). */
        .addColumn('api_key', 'text', (c) => c.notNull())
        .addColumn('created_at', m.types.timestamp, (c) => c.notNull())
        .addColumn('updated_at', m.types.timestamp, (c) => c.notNull()),
      m.schema.createTable('sent_publications')
        .addColumn('installation_id', 'text', (c) => c.notNull())
        .addColumn('server_id', 'text', (c) => c.notNull())
        .addColumn('published_at', m.types.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('sent_publications_pkey', ['installation_id', 'server_id']),
      m.schema.createTable('received_publications')
        .addColumn('installation_id', 'text', (c) => c.primaryKey())
        /** Who published it, as the desktop named itself ("ana@laptop"). */
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('published_at', m.types.timestamp, (c) => c.notNull()),
    );
  },
};
