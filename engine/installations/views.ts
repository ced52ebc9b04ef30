import type { InstallationRecord, InstallationSummary, InstallationWorkflow } from '../api/methods/installations';
import type { Integration } from '../api/methods/integrations';
import type { InstallationRow } from '../storage/installations-repo';
import type { Repos } from './repos';

// Read models for the Installation Manager: computed from the rows on each read, never stored.

function workflowsOf(repos: Repos, row: InstallationRow, integration: Integration): InstallationWorkflow[] {
  if (!row.releaseId) return [];
  const release = repos.integrations.getRelease(row.releaseId);
  const latest = integration.latestRelease ?? release.version;
  return release.versions.map((v) => {
    const fork = repos.forks.find(row.id, v.workflowId);
    const forkAncestor = fork ? repos.integrations.getVersion(fork.ancestorVersionId).version : null;
    const basedOn = forkAncestor ?? release.version;
    const last = repos.runs.listForInstallation(row.id, 1, v.workflowId)[0];
    return {
      workflowId: v.workflowId,
      name: v.name,
      versionId: v.id,
      version: release.version,
      fork: fork && forkAncestor !== null ? { id: fork.id, rev: fork.rev, ancestorVersion: forkAncestor, updatedAt: fork.updatedAt } : null,
      updateAvailable: latest > basedOn,
      lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt, stopReason: last.stopReason } : null,
    };
  });
}

export function installationSummary(repos: Repos, row: InstallationRow): InstallationSummary {
  const integration = repos.integrations.get(row.integrationId);
  const version = row.releaseId ? repos.integrations.getRelease(row.releaseId).version : null;
  const last = repos.runs.listForInstallation(row.id, 1)[0];
  return {
    id: row.id, integrationId: row.integrationId, integrationName: integration.name, customerName: row.customerName,
    externalId: row.externalId, status: row.status, enabled: row.enabled, version, latestVersion: integration.latestRelease,
    // A customised shared mapping customises the installation as much as a forked workflow does.
    customised: repos.forks.listForInstallation(row.id).length > 0 || repos.installationMappings.listForInstallation(row.id).length > 0,
    lastRun: last ? { status: last.status, startedAt: last.startedAt } : null, updatedAt: row.updatedAt,
  };
}

export function installationDetail(repos: Repos, row: InstallationRow): InstallationRecord {
  const integration = repos.integrations.get(row.integrationId);
  const bound = repos.installations.connections(row.id);
  return {
    ...installationSummary(repos, row),
    releaseId: row.releaseId,
    config: row.config,
    connections: integration.requiredConnections.map((c) => ({ ...c, connectionId: bound.get(c.key) ?? null })),
    workflows: workflowsOf(repos, row, integration),
    createdAt: row.createdAt,
  };
}
