import { PatchbayError } from '../../errors/patchbay-error';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

/** Exit codes a CI step can branch on: anything but 0 blocks the release. */
export const REGRESS_EXIT = { unchanged: 0, changed: 2, notComparable: 3 } as const;

export const regressCommand: CliCommand = {
  name: 'regress',
  summary: "Replay an installation's golden records through a version (no network, no writes) and print what would change as JSON. Exit 0 unchanged, 2 changed, 3 cannot compare / failed / no golden records, 1 error",
  usage: 'patchbay regress --installation ID [--version current|draft|release:N] [--golden SET_ID] [--data-dir D] [--database postgres://…]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const installationId = stringFlag(args, 'installation');
    if (!installationId) throw new PatchbayError('bad_request', `Name the installation: ${this.usage}`);
    const version = stringFlag(args, 'version');
    const goldenSetId = stringFlag(args, 'golden');
    return withCliEngine(args, io, async (engine) => {
      const report = await engine.call('golden.regress', { installationId, ...(version ? { version } : {}), ...(goldenSetId ? { goldenSetId } : {}) });
      printJson(io, report);
      if (report.status === 'unchanged') return REGRESS_EXIT.unchanged;
      return report.status === 'changed' ? REGRESS_EXIT.changed : REGRESS_EXIT.notComparable;
    });
  },
};
