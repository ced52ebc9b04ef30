import type { Readable } from 'node:stream';

// A CLI sub-command: parses its own argv, writes JSON for programs on stdout and human messages on
// stderr, and returns the process exit code. Errors use the contract's codes.
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a password is read from when it is not in a file (process.stdin unless a test gives one). */
  readonly stdin?: Readable & { isTTY?: boolean };
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
