import type { InstallationRecord } from '../../../engine/api/methods/installations';

/** "draft" is a word for workflow versions; an installation not installed yet says so. */
const LABELS: Record<InstallationRecord['status'], string> = {
  draft: 'not installed',
  installed: 'installed',
  uninstalled: 'uninstalled',
};

export function installationStatusLabel(status: InstallationRecord['status']): string {
  return LABELS[status];
}
