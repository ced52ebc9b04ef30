// Limits of a Custom Code run that the contract validates and the error table quotes, repeated from
// engine/sandbox/limits.ts (lower layers may not import the sandbox); engine/host/handlers/code.test.ts
// checks that both agree.
export const CODE_LIMITS = {
  maxCodeBytes: 1024 * 1024,
  minTimeoutMs: 10,
  maxTimeoutMs: 60_000,
  minMemoryMb: 16,
  maxMemoryMb: 256,
} as const;
