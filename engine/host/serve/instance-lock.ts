import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';

// One serving engine per data folder: two would both fire schedules and resume the same runs.
// Short CLI commands (which open the folder with resume off) do not take the lock.
const LOCK_FILE = 'engine.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the data folder's lock or throws `already_running`; a lock left by a dead process is taken over. */
export function acquireInstanceLock(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid }), { flag: 'wx', mode: 0o600 });
      return { release: () => { if (holder(file) === process.pid) rmSync(file, { force: true }); } };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = holder(file);
    if (pid !== null && pid !== process.pid && alive(pid)) {
      throw new PatchbayError('already_running', `Another Patchbay engine (process ${pid}) is using ${dataDir}. Close that Patchbay window or stop its \`patchbay serve\`, then start again.`, { pid, dataDir });
    }
    rmSync(file, { force: true });
  }
  throw new PatchbayError('already_running', `Could not take the lock on ${dataDir}; another Patchbay is starting. Try again in a moment.`, { dataDir });
}
