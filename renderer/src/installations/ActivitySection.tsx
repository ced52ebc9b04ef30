import { useCallback, useEffect } from 'react';
import { useClient } from '../client/context';
import { formatWhen, shortJson } from './format';
import { useLoad } from './useLoad';

const actionLabels: Readonly<Record<string, string>> = {
  created: 'Created',
  installed: 'Installed',
  uninstalled: 'Uninstalled',
  enabled: 'Enabled',
  disabled: 'Disabled',
  connection_set: 'Connection set',
  config_changed: 'Config changed',
  release_updated: 'Moved to a new release',
  user_version_created: 'User-specific version created',
  user_version_saved: 'User-specific version saved',
  user_version_reverted: 'Reverted to base',
  user_version_rebased: 'Rebased',
  activated: 'Activated',
  paused: 'Paused',
  upgraded: 'Upgraded',
  mapping_customised: 'Mapping customised',
  mapping_saved: 'Mapping saved',
  mapping_reverted: 'Mapping reverted to base',
  mapping_rebased: 'Mapping rebased',
};

/** Details as `key: value` pairs; workflow ids are shown by name, as the user knows them. */
function describe(details: unknown, names: ReadonlyMap<string, string>): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  const entries = Object.entries(details);
  const named = entries.some(([k]) => k === 'name');
  return entries
    .flatMap(([k, v]): string[] => {
      if (k === 'workflowId' && typeof v === 'string') return named ? [] : [`workflow: ${names.get(v) ?? v}`];
      if (k === 'mappingId' && named) return [];
      return [`${k}: ${shortJson(v, 60)}`];
    })
    .join(' · ');
}

/** Who changed what and when, newest first. `version` re-reads it after the page's own changes. */
export function ActivitySection(props: { installationId: string; version: number; workflowNames: ReadonlyMap<string, string> }) {
  const { installationId, version } = props;
  const client = useClient();
  const log = useLoad(useCallback(() => client.call('installations.activity', { id: installationId }), [client, installationId]));
  const { reload } = log;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  const entries = [...(log.data ?? [])].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <section className="card" aria-labelledby="activity-title" data-testid="activity-section">
      <h2 id="activity-title">Activity</h2>
      {log.error ? <div className="field-error" role="alert">{log.error}</div> : null}
      {entries.length === 0 ? (
        <p className="empty-note">Nothing yet.</p>
      ) : (
        <table className="workflow-table compact" data-testid="activity-log">
          <thead><tr><th>Time</th><th>User</th><th>Action</th><th>Details</th></tr></thead>
          <tbody>
            {entries.map((a) => (
              <tr key={a.id} data-testid={`activity-${a.action}`}>
                <td className="nowrap">{formatWhen(a.at)}</td>
                <td>{a.actor}</td>
                <td>{actionLabels[a.action] ?? a.action}</td>
                <td className="mono details-cell">{describe(a.details, props.workflowNames)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
