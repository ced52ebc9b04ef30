import type { ErrorPayload } from '../errors/patchbay-error';

// What a run of an uninstalled installation says about how it ended: whether it had started and
// how far it got, so no one reads "did not run" on a run that delivered half its orders.

/** The error a run carries when its installation's uninstall ended it (`installation_uninstalled`). */
export function uninstalledRunError(customerName: string, finishedSteps: number): ErrorPayload {
  const message = finishedSteps === 0
    ? `${customerName}'s installation was uninstalled before this run started, so it did not run.`
    : `${customerName}'s installation was uninstalled while this run was under way: it stopped after ${finishedSteps} finished step${finishedSteps === 1 ? '' : 's'}. What those steps wrote stays written; nothing after them ran.`;
  return { code: 'installation_uninstalled', message, details: { finishedSteps } };
}
