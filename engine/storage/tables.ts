// Generated from the schema the migrations build (engine/testing/tables-source.ts); do not edit.
// After adding a migration, regenerate: PATCHBAY_WRITE_TABLES=1 npx vitest run engine/storage/tables.test.ts
// JSON documents and ISO timestamps are strings on both dialects (ARCHITECTURE.md, "Storage dialects").
import type { Generated } from 'kysely';

export interface Tables {
  activity: ActivityTable;
  api_key_sessions: ApiKeySessionsTable;
  api_keys: ApiKeysTable;
  connections: ConnectionsTable;
  golden_sets: GoldenSetsTable;
  installation_connections: InstallationConnectionsTable;
  installation_mappings: InstallationMappingsTable;
  installations: InstallationsTable;
  integrations: IntegrationsTable;
  loop_items: LoopItemsTable;
  mappings: MappingsTable;
  payloads: PayloadsTable;
  received_publications: ReceivedPublicationsTable;
  released_mappings: ReleasedMappingsTable;
  released_versions: ReleasedVersionsTable;
  releases: ReleasesTable;
  runs: RunsTable;
  sent_publications: SentPublicationsTable;
  servers: ServersTable;
  step_checkpoints: StepCheckpointsTable;
  steps: StepsTable;
  user_sessions: UserSessionsTable;
  user_version_revisions: UserVersionRevisionsTable;
  user_versions: UserVersionsTable;
  users: UsersTable;
  workflow_revisions: WorkflowRevisionsTable;
  workflow_state: WorkflowStateTable;
  workflows: WorkflowsTable;
}

export interface ActivityTable {
  id: Generated<number>;
  installation_id: string;
  at: string;
  actor: string;
  action: string;
  details: Generated<string>;
}

export interface ApiKeySessionsTable {
  token_hash: string;
  api_key_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  role: Generated<string>;
}

export interface ConnectionsTable {
  id: string;
  name: string;
  kind: string;
  installation_id: string | null;
  config: string;
  secrets: string;
  created_at: string;
  updated_at: string;
  hide_response_bodies: Generated<number>;
}

export interface GoldenSetsTable {
  id: string;
  installation_id: string;
  workflow_id: string;
  name: string;
  source_run_id: string | null;
  version_ref: string | null;
  body: string;
  created_at: string;
}

export interface InstallationConnectionsTable {
  installation_id: string;
  key: string;
  connection_id: string;
}

export interface InstallationMappingsTable {
  id: string;
  installation_id: string;
  mapping_id: string;
  ancestor_id: string;
  rev: number;
  doc: string;
  created_at: string;
  updated_at: string;
}

export interface InstallationsTable {
  id: string;
  integration_id: string;
  customer_name: string;
  external_id: string | null;
  release_id: string | null;
  status: string;
  enabled: Generated<number>;
  config: Generated<string>;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
}

export interface IntegrationsTable {
  id: string;
  name: string;
  description: Generated<string>;
  required_connections: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface LoopItemsTable {
  run_id: string;
  block_id: string;
  path: string;
  idx: number;
  result: string | null;
  state: Generated<string>;
}

export interface MappingsTable {
  id: string;
  integration_id: string;
  name: string;
  rev: number;
  doc: string;
  created_at: string;
  updated_at: string;
}

export interface PayloadsTable {
  hash: string;
  body: string;
}

export interface ReceivedPublicationsTable {
  installation_id: string;
  published_by: string;
  published_at: string;
}

export interface ReleasedMappingsTable {
  id: string;
  release_id: string;
  mapping_id: string;
  name: string;
  doc: string;
}

export interface ReleasedVersionsTable {
  id: string;
  release_id: string;
  workflow_id: string;
  name: string;
  doc: string;
}

export interface ReleasesTable {
  id: string;
  integration_id: string;
  version: number;
  notes: Generated<string>;
  created_at: string;
}

export interface RunsTable {
  id: string;
  workflow_id: string | null;
  workflow_name: string;
  doc: string;
  mode: string;
  status: string;
  input: string | null;
  error: string | null;
  stop_reason: string | null;
  started_at: string;
  finished_at: string | null;
  step_count: Generated<number>;
  installation_id: string | null;
  version_ref: string | null;
  root_run_id: string | null;
  test_record_limit: number | null;
  crash_count: Generated<number>;
  resume_mark: number | null;
}

export interface SentPublicationsTable {
  installation_id: string;
  server_id: string;
  published_at: string;
}

export interface ServersTable {
  id: string;
  name: string;
  url: string;
  api_key: string;
  created_at: string;
  updated_at: string;
}

export interface StepCheckpointsTable {
  run_id: string;
  block_id: string;
  iteration: string;
  seq: number;
  value: string;
}

export interface StepsTable {
  id: string;
  run_id: string;
  seq: number;
  block_id: string;
  block_kind: string;
  iteration: number | null;
  attempt: number;
  status: string;
  input: string | null;
  output: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  port: string | null;
  iteration_path: string | null;
  summarized: Generated<number>;
}

export interface UserSessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface UserVersionRevisionsTable {
  user_version_id: string;
  rev: number;
  doc: string;
  ancestor_version_id: string;
  saved_at: string;
}

export interface UserVersionsTable {
  id: string;
  installation_id: string;
  workflow_id: string;
  ancestor_version_id: string;
  rev: number;
  doc: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  last_sign_in_at: string | null;
}

export interface WorkflowRevisionsTable {
  workflow_id: string;
  rev: number;
  doc: string;
  saved_at: string;
}

export interface WorkflowStateTable {
  scope: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface WorkflowsTable {
  id: string;
  name: string;
  rev: number;
  doc: string;
  created_at: string;
  updated_at: string;
  integration_id: string | null;
}
