import type { CodeError } from './errors';
import type { CodeLanguage } from './transpile';

export type { CodeLanguage } from './transpile';

/** Read-only facts about the run, visible to user code as `ctx`. Never secrets. */
export interface CodeRunInfo {
  readonly runId: string | null;
  readonly blockId: string | null;
  readonly iteration: number | null;
  readonly mode: 'live' | 'test';
  readonly installation: { readonly id: string; readonly customerName: string } | null;
}

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface ConsoleLine {
  readonly level: ConsoleLevel;
  readonly text: string;
}

export interface SandboxRunRequest {
  readonly code: string;
  readonly language: CodeLanguage;
  readonly input: unknown;
  readonly timeoutMs?: number | undefined;
  readonly memoryMb?: number | undefined;
  readonly info?: CodeRunInfo | undefined;
  /** Run `run(record, ctx, index)` for each element of an array input; output is the array of results. */
  readonly batch?: boolean | undefined;
  /** Records per crossing in batch mode (default: measured best, see limits.ts). */
  readonly chunkSize?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Milliseconds. `encodeMs`/`decodeMs`: JSON text made and read on the host; `runMs`: inside the
 * isolate, including parsing the input and producing the output text there.
 */
export interface RunTimings {
  readonly transpileMs: number;
  readonly setupMs: number;
  readonly encodeMs: number;
  readonly runMs: number;
  readonly decodeMs: number;
  readonly totalMs: number;
}

export type SandboxRunResult =
  | { readonly ok: true; readonly output: unknown; readonly console: readonly ConsoleLine[]; readonly timings: RunTimings }
  | { readonly ok: false; readonly error: CodeError; readonly console: readonly ConsoleLine[]; readonly timings: RunTimings };

export interface SandboxOptions {
  /**
   * Programs running at once (default 4): each runs in a sandbox process of its own, started when
   * needed and kept for the next run (process-pool.ts).
   */
  readonly maxIsolates?: number;
  /** Output JSON limit in characters (default 64 MiB). */
  readonly maxOutputBytes?: number;
  /**
   * Send only the input fields `run` reads, when a static analysis of its source can prove
   * which those are (default true; see projection/analyze.ts).
   */
  readonly projectInput?: boolean;
}

/** Sandbox processes: alive (running or idle), idle, started and ended since the sandbox was made. */
export interface SandboxStats {
  readonly live: number;
  readonly idle: number;
  readonly created: number;
  readonly disposed: number;
}

export interface Sandbox {
  run(request: SandboxRunRequest): Promise<SandboxRunResult>;
  /** Transpiles and loads the code (its top level runs) without calling `run`: errors shown before a run. */
  check(code: string, language: CodeLanguage): Promise<CodeError | null>;
  stats(): SandboxStats;
  /** Disposes every isolate; later runs answer code_sandbox_unavailable. */
  dispose(): void;
}
