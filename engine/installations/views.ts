import type { InstallationRecord, InstallationSummary, InstallationWorkflow } from '../api/methods/installations';
import type { Integration } from '../api/methods/integrations';
import type { InstallationRow } from '../storage/installations-repo';
import { deepEqual } from '../model/json-value';
import { lifecycleOf } from './lifecycle';
import type { Repos } from './repos';

// Read models for the Installation Manager: computed from the rows on each read, never stored.

async function workflowsOf(repos: Repos, row: InstallationRow, integration: Integration): Promise<InstallationWorkflow[]> {
  if (!row.releaseId) return [];
  const release = await repos.integrations.getRelease(row.releaseId);
  const latest = await repos.integrations.latestRelease(integration.id);
  return Promise.all(release.versions.map(async (v) => {
    const userVersion = await repos.userVersions.find(row.id, v.workflowId);
    const ancestor = userVersion ? await repos.integrations.getVersion(userVersion.ancestorVersionId) : null;
    const userVersionAncestor = ancestor ? ancestor.version : null;
    // Only a workflow whose base document changed has an update; a release that left it as it
    // was does not ask anyone to rebase.
    const newest = latest && latest.version > (userVersionAncestor ?? release.version) ? await repos.integrations.versionIn(latest.id, v.workflowId) : undefined;
    const [last] = await repos.runs.listForInstallation(row.id, 1, v.workflowId);
    return {
      workflowId: v.workflowId,
      name: v.name,
      versionId: v.id,
      version: release.version,
      userVersion: userVersion && userVersionAncestor !== null ? { id: userVersion.id, rev: userVersion.rev, ancestorVersion: userVersionAncestor, updatedAt: userVersion.updatedAt } : null,
      updateAvailable: newest !== undefined && !deepEqual(newest.doc, (ancestor ?? await repos.integrations.getVersion(v.id)).doc),
      lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt, stopReason: last.stopReason } : null,
    };
  }));
}

export async function installationSummary(repos: Repos, row: InstallationRow): Promise<InstallationSummary> {
  const integration = await repos.integrations.get(row.integrationId);
  const version = row.releaseId ? (await repos.integrations.getRelease(row.releaseId)).version : null;
  const [last] = await repos.runs.listForInstallation(row.id, 1);
  return {
    id: row.id, integrationId: row.integrationId, integrationName: integration.name, customerName: row.customerName,
    externalId: row.externalId, status: row.status, lifecycle: lifecycleOf(row), enabled: lifecycleOf(row) === 'active', version, latestVersion: integration.latestRelease,
    // A customised shared mapping customises the installation as much as a customised workflow does.
    customised: (await repos.userVersions.listForInstallation(row.id)).length > 0 || (await repos.installationMappings.listForInstallation(row.id)).length > 0,
    lastRun: last ? { status: last.status, startedAt: last.startedAt } : null, updatedAt: row.updatedAt,
  };
}

export async function installationDetail(repos: Repos, row: InstallationRow): Promise<InstallationRecord> {
  const integration = await repos.integrations.get(row.integrationId);
  const bound = await repos.installations.connections(row.id);
  return {
    ...await installationSummary(repos, row),
    releaseId: row.releaseId,
    config: row.config,
    connections: integration.requiredConnections.map((c) => ({ ...c, connectionId: bound.get(c.key) ?? null })),
    workflows: await workflowsOf(repos, row, integration),
    createdAt: row.createdAt,
  };
}
