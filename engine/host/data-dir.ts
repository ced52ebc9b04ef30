import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** PATCHBAY_DATA_DIR, else the OS's per-user application data folder. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.PATCHBAY_DATA_DIR) return env.PATCHBAY_DATA_DIR;
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Patchbay');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Patchbay');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'patchbay');
  }
}
