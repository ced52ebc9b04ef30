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
  /** The command line after the suite name, for suites with options (e.g. `--orders N`). */
  readonly args?: readonly string[];
}

export type BenchSuite = (opts: BenchOptions) => Promise<readonly BenchResult[]>;
