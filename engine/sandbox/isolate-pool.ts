import ivm from 'isolated-vm';
import { PRELUDE_SCRIPT_NAME, PRELUDE_SOURCE } from './prelude';
import type { TranspiledCode } from './transpile';
import { USER_SCRIPT_NAME } from './transpile';

/**
 * An isolate lent to one run at a time. Isolates are reused (creating one costs milliseconds),
 * but every run gets a fresh context, so no global, prototype or closure survives a run. An
 * isolate that timed out, ran out of memory or grew a large heap is disposed, never reused.
 */
export interface LeasedIsolate {
  readonly isolate: ivm.Isolate;
  readonly memoryMb: number;
  readonly prelude: ivm.Script;
  /** Compiled user scripts, by transpile result (a Script runs in any context of its isolate). */
  readonly scripts: WeakMap<TranspiledCode, ivm.Script>;
  /**
   * Called if V8 gives up on the isolate (see onCatastrophicError below), so the run fails at once.
   * A run adds its listener and removes it when it ends: a promise living as long as the isolate
   * and raced by every call would keep every call's result alive.
   */
  readonly onLost: Set<(message: string) => void>;
  lost: boolean;
  runs: number;
}

// A single allocation too large for the limit in one go (a Map of tens of millions of entries,
// `new Array(2 ** 27).fill(0)`) ends in V8's fatal out-of-memory path rather than isolated-vm's
// memory limit; with a catastrophic-error handler isolated-vm parks that isolate's thread for good
// instead of aborting the whole process. That thread keeps the process from exiting normally, so
// a sandbox process that lost an isolate is replaced (sandbox-process.ts).

export interface PoolOptions {
  /** Isolates alive at once (running or idle); further runs wait for one to come back. */
  readonly maxIsolates: number;
  /** Idle isolates kept per memory size. */
  readonly maxIdlePerSize: number;
  /** Runs after which an isolate is retired anyway, so heap fragmentation cannot build up. */
  readonly maxRunsPerIsolate: number;
}

export interface PoolStats {
  readonly live: number;
  readonly idle: number;
  readonly created: number;
  readonly disposed: number;
  readonly lost: number;
}

export class IsolatePool {
  private readonly idle = new Map<number, LeasedIsolate[]>();
  private readonly waiting: Array<() => void> = [];
  private live = 0;
  private created = 0;
  private disposedCount = 0;
  private lostCount = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  async acquire(memoryMb: number): Promise<LeasedIsolate> {
    for (;;) {
      if (this.closed) throw new Error('the code sandbox has been shut down');
      const reused = this.idle.get(memoryMb)?.pop();
      if (reused && !reused.isolate.isDisposed) return reused;
      if (reused) {
        this.live--;
        continue;
      }
      if (this.live < this.options.maxIsolates) return this.create(memoryMb);
      // Full: retire an idle isolate of another size, or wait for a running one to come back.
      if (this.evictOneIdle()) continue;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Returns an isolate after a run; `healthy` is false after a timeout, memory limit or crash. */
  release(lease: LeasedIsolate, healthy: boolean): void {
    lease.runs++;
    const keep =
      healthy && !this.closed && !lease.isolate.isDisposed && lease.runs < this.options.maxRunsPerIsolate && !this.heapIsLarge(lease);
    const list = this.idle.get(lease.memoryMb) ?? [];
    if (keep && list.length < this.options.maxIdlePerSize) {
      list.push(lease);
      this.idle.set(lease.memoryMb, list);
    } else {
      this.destroy(lease);
    }
    this.waiting.shift()?.();
  }

  stats(): PoolStats {
    let idle = 0;
    for (const list of this.idle.values()) idle += list.length;
    return { live: this.live, idle, created: this.created, disposed: this.disposedCount, lost: this.lostCount };
  }

  dispose(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const lease of list) this.destroy(lease);
    this.idle.clear();
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Kills a running isolate: the only way to stop code that never yields. */
  kill(lease: LeasedIsolate): void {
    if (!lease.isolate.isDisposed) lease.isolate.dispose();
  }

  private create(memoryMb: number): LeasedIsolate {
    const onLost = new Set<(message: string) => void>();
    const state = { lost: false };
    const isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      onCatastrophicError: (message) => {
        this.lostCount++;
        state.lost = true;
        for (const listener of onLost) listener(message);
      },
    });
    this.live++;
    this.created++;
    try {
      const prelude = isolate.compileScriptSync(PRELUDE_SOURCE, { filename: PRELUDE_SCRIPT_NAME });
      const lease: LeasedIsolate = {
        isolate, memoryMb, prelude, scripts: new WeakMap(), onLost, runs: 0,
        get lost() {
          return state.lost;
        },
      };
      return lease;
    } catch (e) {
      this.live--;
      isolate.dispose();
      throw e;
    }
  }

  private destroy(lease: LeasedIsolate): void {
    this.live--;
    this.disposedCount++;
    if (!lease.isolate.isDisposed) lease.isolate.dispose();
  }

  private evictOneIdle(): boolean {
    for (const list of this.idle.values()) {
      const lease = list.pop();
      if (lease) {
        this.destroy(lease);
        return true;
      }
    }
    return false;
  }

  /** Keeps an isolate only while most of its limit is free, so the next run gets the room it was promised. */
  private heapIsLarge(lease: LeasedIsolate): boolean {
    try {
      const heap = lease.isolate.getHeapStatisticsSync();
      return heap.used_heap_size > (lease.memoryMb * 1024 * 1024) / 4;
    } catch {
      return true;
    }
  }
}

/** Compiles (once per isolate) the user's script. */
export async function userScript(lease: LeasedIsolate, code: TranspiledCode): Promise<ivm.Script> {
  const hit = lease.scripts.get(code);
  if (hit) return hit;
  const script = await lease.isolate.compileScript(code.script, { filename: USER_SCRIPT_NAME });
  lease.scripts.set(code, script);
  return script;
}
