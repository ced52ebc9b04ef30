import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'integrations, releases, installations, user-specific versions, activity',
  *up(m) {
    const { json, timestamp } = m.types;
    yield* m.exec(
      m.schema.createTable('integrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('required_connections', json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull()),
      m.schema.alterTable('workflows').addColumn('integration_id', 'text', (c) => c.references('integrations.id').onDelete('set null')),
      m.schema.createTable('releases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addUniqueConstraint('releases_integration_id_version_key', ['integration_id', 'version']),
      // One frozen workflow document per base workflow per release.
      m.schema.createTable('released_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addUniqueConstraint('released_versions_release_id_workflow_id_key', ['release_id', 'workflow_id']),
    );
    // Released versions are immutable: the database itself refuses changes.
    yield* m.refuseChanges('released_versions');
    yield* m.refuseChanges('releases');
    yield* m.exec(
      m.schema.createTable('installations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id'))
        .addColumn('customer_name', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text')
        .addColumn('release_id', 'text', (c) => c.references('releases.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('config', json, (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull()),
      m.schema.createTable('installation_connections')
        .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('installation_connections_pkey', ['installation_id', 'key']),
      // A user-specific version: one installation's fork of one base workflow.
      m.schema.createTable('forks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('ancestor_version_id', 'text', (c) => c.notNull().references('released_versions.id'))
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .addColumn('updated_at', timestamp, (c) => c.notNull())
        .addUniqueConstraint('forks_installation_id_workflow_id_key', ['installation_id', 'workflow_id']),
      m.schema.createTable('fork_revisions')
        .addColumn('fork_id', 'text', (c) => c.notNull().references('forks.id').onDelete('cascade'))
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('doc', json, (c) => c.notNull())
        .addColumn('ancestor_version_id', 'text', (c) => c.notNull())
        .addColumn('saved_at', timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('fork_revisions_pkey', ['fork_id', 'rev']),
      m.schema.createTable('activity')
        .addColumn('id', 'integer', (c) => m.autoIncrementKey(c))
        .addColumn('installation_id', 'text', (c) => c.notNull())
        .addColumn('at', timestamp, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('details', json, (c) => c.notNull().defaultTo('{}')),
      m.schema.createIndex('activity_by_installation').on('activity').columns(['installation_id', 'id desc']),
      m.schema.alterTable('runs').addColumn('installation_id', 'text'),
      m.schema.alterTable('runs').addColumn('version_ref', 'text'),
      m.schema.createIndex('runs_by_installation').on('runs').columns(['installation_id', 'started_at desc']),
    );
  },
};
