import { SandboxProcess } from './sandbox-process';

export interface ProcessPoolStats {
  readonly live: number;
  readonly idle: number;
  readonly created: number;
  readonly disposed: number;
}

/**
 * Sandbox processes, started when runs need them and kept for the next, each lent to one run at
 * a time: a process that must be ended (memory, crash, a lost isolate) then takes only its own
 * run with it. A process that ends is simply not lent again; the next run starts a new one.
 */
export class ProcessPool {
  private readonly idle: SandboxProcess[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly all = new Set<SandboxProcess>();
  private created = 0;
  private disposedCount = 0;
  private closed = false;

  constructor(private readonly maxProcesses: number) {}

  async acquire(): Promise<SandboxProcess> {
    for (;;) {
      if (this.closed) throw new Error('the code sandbox has been shut down');
      const reused = this.idle.pop();
      if (reused?.alive) {
        reused.hold(true);
        return reused;
      }
      if (reused) continue;
      if (this.all.size < this.maxProcesses) {
        const p = new SandboxProcess((gone) => this.forget(gone));
        this.all.add(p);
        this.created++;
        await p.ready;
        p.hold(true);
        return p;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  release(p: SandboxProcess): void {
    if (p.alive && !this.closed) {
      p.hold(false);
      this.idle.push(p);
    }
    this.waiting.shift()?.();
  }

  stats(): ProcessPoolStats {
    return { live: this.all.size, idle: this.idle.length, created: this.created, disposed: this.disposedCount };
  }

  dispose(): void {
    this.closed = true;
    for (const p of this.all) p.kill();
    this.idle.length = 0;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private forget(p: SandboxProcess): void {
    if (!this.all.delete(p)) return;
    this.disposedCount++;
    const i = this.idle.indexOf(p);
    if (i >= 0) this.idle.splice(i, 1);
    // A slot came free: a waiting run may start a process in it.
    this.waiting.shift()?.();
  }
}
