// Codes of installation lifecycles, upgrades and test syncs, part of the one error table.
export const lifecycleErrorCodes = {
  activation_refused: 'The installation cannot be activated yet; fix what the message lists, then activate.',
  not_active: 'The installation is not active.',
  upgrade_conflicts: 'Some user-specific versions conflict with the new release; rebase them and decide each conflict, then upgrade.',
  already_on_release: 'The installation is already on that release; there is nothing to upgrade. Run an on-upgrade workflow by hand if it must run again.',
  upgrade_run_not_started: 'The installation was upgraded, but a workflow that runs on upgrade did not start: a live run of it was still going. Run it once that run finishes.',
  run_in_progress: 'A live run of this workflow for this installation is still queued or running; wait for it to finish or cancel it, then run it again.',
  installation_required: 'This workflow reads its connections from an installation; choose a customer to run it as.',
} as const;
