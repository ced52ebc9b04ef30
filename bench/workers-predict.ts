// What one configuration's figures predict for a machine with more cores. The bench machine's
// cores are shared by everything (and by teammates' builds), so only the CPU an order costs is
// worth extrapolating, not the wall-clock rate.
//
// Assumptions, printed with the figures: the deployment stays CPU-bound, i.e. there are enough
// runs and workers to keep every core busy (a worker executes 4 runs at once in 2 threads: 16
// cores want about 8 workers and 32 runs in flight, which 40 installations give); the CPU an
// order costs in the workers, the server, PostgreSQL and Redis stays what it was here (the
// simulators stand in for NetSuite and Your App, which run elsewhere, so their CPU and the bench
// driver's are left out); and PostgreSQL, the one part that does not scale out with workers,
// sustains per core it gets what its CPU per commit and the commits per order allow.

export interface CpuShares {
  readonly workers: number;
  readonly server: number;
  readonly postgres: number;
  readonly redis: number;
}

export interface Prediction {
  /** Patchbay's CPU per delivered order (workers, server, PostgreSQL, Redis), in ms. */
  readonly cpuMsPerOrder: number;
  /** orders/s on `cores` cores: cores ÷ CPU per order. */
  onCores(cores: number): number;
  /** orders/s one core of PostgreSQL sustains at its CPU per commit (null without PostgreSQL figures). */
  readonly postgresCapPerCore: number | null;
  /** PostgreSQL's CPU per commit, in µs (null without PostgreSQL figures). */
  readonly postgresUsPerCommit: number | null;
}

/** `cpu`: CPU seconds per role over the measured interval; `orders` delivered; `commits` in PostgreSQL (null: SQLite). */
export function predict(cpu: CpuShares, orders: number, commits: number | null): Prediction {
  const seconds = cpu.workers + cpu.server + cpu.postgres + cpu.redis;
  const perOrder = seconds / orders;
  const perCommit = commits && cpu.postgres > 0 ? cpu.postgres / commits : null;
  return {
    cpuMsPerOrder: perOrder * 1000,
    onCores: (cores) => (perOrder > 0 ? cores / perOrder : 0),
    postgresCapPerCore: perCommit !== null && commits ? 1 / (perCommit * (commits / orders)) : null,
    postgresUsPerCommit: perCommit !== null ? perCommit * 1e6 : null,
  };
}
