// What one configuration's figures predict for a machine with more cores. The bench machine has
// 2 cores, shared by everything: the figures are only worth extrapolating per unit of CPU.
//
// Assumptions, printed with the figures: the deployment stays CPU-bound (enough workers, each
// with its runs in threads, to keep the cores busy, and 40 installations keep 16 workers' 4 runs
// each fed only partly: say so when reading 16 cores), the CPU an order costs in the workers, the
// server, PostgreSQL and Redis stays what it was here (the simulators stand for NetSuite and Your
// App, which run elsewhere, so their CPU and the bench driver's are left out), and PostgreSQL's
// own part is what runs out first on one server: its CPU per commit times commits per order.

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
