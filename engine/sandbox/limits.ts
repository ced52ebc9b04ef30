// Limits for one Custom Code run. Defaults suit a single record transform; the caps bound what a
// workflow author may ask for so one block cannot starve the engine process.
export const DEFAULT_TIMEOUT_MS = 5_000;
export const MAX_TIMEOUT_MS = 60_000;
export const MIN_TIMEOUT_MS = 10;

export const DEFAULT_MEMORY_MB = 64;
export const MAX_MEMORY_MB = 256;
/** isolated-vm refuses limits under 8 MB; 16 leaves room for the prelude and a context. */
export const MIN_MEMORY_MB = 16;

/** Source text larger than this is refused before it is transpiled. */
export const MAX_CODE_BYTES = 1024 * 1024;
/** Output JSON text larger than this is refused inside the isolate, before it is copied out. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Console capture bounds: lines kept, characters per line, characters in all. */
export const MAX_CONSOLE_LINES = 500;
export const MAX_CONSOLE_LINE_CHARS = 2_000;
export const MAX_CONSOLE_TOTAL_CHARS = 100_000;
/** Longer strings (console arguments, thrown messages) are described, not shown: cutting a long
 * rope copies it whole first (see prelude-memory.ts). */
export const MAX_SHOWN_TEXT_CHARS = 1024 * 1024;

/** Batch mode: records that cross into the isolate per call (see bench/code.ts for the measurement). */
export const DEFAULT_BATCH_CHUNK = 500;
/** Batch mode: JSON characters per crossing at most (a chunk of huge records is cut short). */
export const MAX_CHUNK_CHARS = 4 * 1024 * 1024;

export interface RunLimits {
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Out-of-range requests are clamped, not refused: the schemas at the boundaries refuse them first. */
export function resolveLimits(req: { timeoutMs?: number | undefined; memoryMb?: number | undefined }): RunLimits {
  return {
    timeoutMs: clamp(req.timeoutMs, DEFAULT_TIMEOUT_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
    memoryMb: clamp(req.memoryMb, DEFAULT_MEMORY_MB, MIN_MEMORY_MB, MAX_MEMORY_MB),
  };
}
