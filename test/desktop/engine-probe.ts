import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What a user (or an admin) can observe of the engine process main started.

export function enginePid(dataDir: string): number | null {
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'engine.lock'), 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** argv and environment of a live process (Linux /proc), to prove no secret travels there. */
export function processLaunch(pid: number): { argv: string[]; env: string } {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = existsSync(`/proc/${pid}/environ`) ? readFileSync(`/proc/${pid}/environ`, 'utf8') : '';
  return { argv, env };
}

export async function callEngine(appUrl: string, method: string, args: unknown = {}, token?: string | null): Promise<{ status: number; body: unknown }> {
  const url = new URL(appUrl);
  const bearer = token === undefined ? url.searchParams.get('token') : token;
  const res = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
