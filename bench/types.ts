export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Against the suite's baseline measured in the same run; null for the baseline itself. */
  readonly ratio: number | null;
}

export interface BenchOptions {
  readonly json: boolean;
  /** A small run for smoke tests; figures are not meaningful. */
  readonly quick: boolean;
}

export type BenchSuite = (opts: BenchOptions) => Promise<readonly BenchResult[]>;
