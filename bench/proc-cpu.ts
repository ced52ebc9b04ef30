import { readdirSync, readFileSync } from 'node:fs';

// CPU time of process trees from Linux's /proc, so a bench can say where a machine's cores went
// (which process limits throughput). A tree is a process and its descendants: PostgreSQL's
// backends are children of the postmaster, a worker's Custom Code sandboxes children of the
// worker. Children that exit and are reaped have their time added to their parent's cutime and
// cstime, which the root's figure includes; every thread is in its process's utime/stime.

/** Linux's USER_HZ: /proc/<pid>/stat counts clock ticks of 10 ms on every Linux architecture in use. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly ppid: number;
  /** utime + stime: CPU used by the process (all its threads). */
  readonly own: number;
  /** cutime + cstime: CPU of its children that exited and were reaped. */
  readonly reaped: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited meanwhile
  }
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(fields[i - 3] ?? 0);
  return { ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
}

function allProcesses(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) out.set(Number(entry), stat);
  }
  return out;
}

/** A reading of the named trees' CPU, in seconds. */
export type CpuReading = ReadonlyMap<string, number>;

/** Reads the CPU each tree has used so far: its root's own and reaped time plus its live descendants'. */
export function readCpu(roots: ReadonlyMap<string, readonly number[]>): CpuReading {
  const procs = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, s] of procs) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const treeTicks = (pid: number, isRoot: boolean): number => {
    const s = procs.get(pid);
    if (!s) return 0;
    return s.own + (isRoot ? s.reaped : 0) + (children.get(pid) ?? []).reduce((sum, c) => sum + treeTicks(c, false), 0);
  };
  return new Map([...roots].map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + treeTicks(pid, true), 0) / TICKS_PER_SECOND]));
}

/** CPU seconds per tree between two readings (a tree whose root exited in between counts 0). */
export function cpuBetween(before: CpuReading, after: CpuReading): ReadonlyMap<string, number> {
  return new Map([...after].map(([name, s]) => [name, Math.max(0, s - (before.get(name) ?? 0))]));
}

/** Direct children of `parent` whose command name (`/proc/<pid>/comm`) is `comm`, e.g. the postmaster a bench started. */
export function childrenNamed(parent: number, comm: string): number[] {
  const out: number[] = [];
  for (const [pid, s] of allProcesses()) {
    if (s.ppid !== parent) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) out.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** CPU seconds every core of the machine has spent busy since boot (/proc/stat), whoever's processes ran. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}
