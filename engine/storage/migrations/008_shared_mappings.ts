import type { Migration } from './types';

// Shared mappings: a named mapping is part of an integration (draft), frozen with each release,
// and an installation may hold its user-specific version of it (with the released ancestor it
// was made from, for diff and rebase).
export const migration008: Migration = {
  version: 8,
  name: 'shared mappings: drafts, released mappings, installations\' user-specific mappings',
  *up(m) {
    const { json, timestamp } = m.types;
    yield* m.exec(
      m.schema.createTable('mappings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull())
        .addUniqueConstraint('mappings_integration_id_name_key', ['integration_id', 'name']),
      m.schema.createTable('released_mappings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
        .addColumn('mapping_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addUniqueConstraint('released_mappings_release_id_mapping_id_key', ['release_id', 'mapping_id'])
        .addUniqueConstraint('released_mappings_release_id_name_key', ['release_id', 'name']),
    );
    yield* m.refuseChanges('released_mappings');
    yield* m.exec(
      m.schema.createTable('installation_mappings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
        .addColumn('mapping_id', 'text', (c) => c.notNull())
        .addColumn('ancestor_id', 'text', (c) => c.notNull().references('released_mappings.id'))
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull())
        .addUniqueConstraint('installation_mappings_installation_id_mapping_id_key', ['installation_id', 'mapping_id']),
    );
  },
};
