import { resolve } from 'node:path';
import { startBridge } from '../bridge';
import { defaultDataDir } from '../data-dir';
import { intFlag, parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start browser mode: the Patchbay UI and engine on 127.0.0.1',
  usage: 'patchbay serve [--port N] [--data-dir D]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const dataDir = resolve(io.cwd, stringFlag(args, 'data-dir') ?? defaultDataDir(io.env));
    const bridge = await startBridge({ dataDir, port: intFlag(args, 'port') ?? 0, scheduler: true, demoSandbox: true });
    // The address carries the session token, so it is printed once: on stdout, where programs
    // (and Electron main) read it; the note for people on stderr points at it.
    io.stdout(`${JSON.stringify({ url: bridge.url, port: bridge.port, dataDir })}\n`);
    io.stderr(`Patchbay is running in browser mode on port ${bridge.port} (data in ${dataDir}).\nOpen the "url" printed above: it carries this session's token.\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((done) => {
      const stop = (): void => {
        void bridge.close().then(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
