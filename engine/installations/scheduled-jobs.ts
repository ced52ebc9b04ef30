import { PatchbayError } from '../errors/patchbay-error';
import type { ScheduledJob } from '../runtime/scheduler';
import type { Repos } from './repos';
import type { InstallationService } from './service';
import { triggerOf } from './triggers';

/** Every schedule-triggered workflow of every active installation, as the scheduler's jobs. */
export async function scheduledJobs(repos: Repos, service: InstallationService): Promise<ScheduledJob[]> {
  const jobs: ScheduledJob[] = [];
  for (const row of await repos.installations.list()) {
    // Configuring and paused installations poll nothing: only activation turns schedules on.
    if (row.status !== 'installed' || !row.enabled || row.activatedAt === null || !row.releaseId) continue;
    for (const v of (await repos.integrations.getRelease(row.releaseId)).versions) {
      const { doc } = await service.effectiveVersion(row, v.workflowId);
      const config = triggerOf(doc);
      if (config?.type !== 'schedule') continue;
      jobs.push({
        key: `${row.id}:${v.workflowId}`,
        schedule: {
          intervalSeconds: typeof config.intervalSeconds === 'number' ? config.intervalSeconds : undefined,
          cron: typeof config.cron === 'string' ? config.cron : undefined,
        },
        run: () => service.runWorkflow(row.id, v.workflowId, { event: 'schedule' }, 'live', true).catch(skipWhileRunning),
      });
    }
  }
  return jobs;
}

/** A poll due while a manual run of the same workflow goes on skips this turn: it is not an error. */
function skipWhileRunning(e: unknown): null {
  if (e instanceof PatchbayError && e.code === 'run_in_progress') return null;
  throw e;
}
