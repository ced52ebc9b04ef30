import { createSandbox } from '../engine/sandbox/sandbox';
import type { BenchResult, BenchSuite } from './types';

// `npm run bench -- code-memory`: how far hostile Custom Code pushes the engine process (the
// caller of the sandbox) above where it started, under a 32 MB limit. A rope (`s += s`) costs
// nothing until something flattens it into one allocation of its full length, which V8 grants
// before the isolate's limit notices; the sandbox must keep that allocation out of the engine.
// Peak RSS is the process's lifetime maximum (getrusage), so a spike between samples still counts.

export const ROPE_PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ['rope flattened by charCodeAt', 'export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return s.charCodeAt(s.length - 1); }'],
  ['rope flattened by JSON.stringify', 'export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return JSON.stringify(s).length; }'],
  ['rope flattened by indexOf', 'export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return s.indexOf("y"); }'],
  ['rope flattened by a regex', 'export function run() { let s = "x"; for (let i = 0; i < 28; i++) s += s; return /y/.test(s); }'],
  ['endless rope, flattened each round', 'export function run() { let s = "x"; for (;;) { s += s; s.charCodeAt(0); } }'],
];

const MB = 1024 * 1024;

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export const run: BenchSuite = async () => {
  const sandbox = createSandbox();
  const results: BenchResult[] = [];
  try {
    const warm = await sandbox.run({ code: 'export function run(i) { return i; }', language: 'js', input: 1 });
    if (!warm.ok) throw new Error(`warm-up failed: ${warm.error.code}`);
    const start = process.memoryUsage.rss();
    results.push({ name: 'engine process RSS before (baseline)', value: start / MB, unit: 'MB', ratio: null });
    for (const [name, code] of ROPE_PROGRAMS) {
      const r = await sandbox.run({ code, language: 'js', input: null, timeoutMs: 5_000, memoryMb: 32 });
      const after = await sandbox.run({ code: 'export function run(i) { return i + 1; }', language: 'js', input: 1 });
      const outcome = r.ok ? 'ok (not contained)' : r.error.code;
      results.push({ name: `${name} → ${outcome}; next run ${after.ok ? 'fine' : 'failed'}: engine peak RSS growth`, value: (peakRss() - start) / MB, unit: 'MB', ratio: null });
    }
  } finally {
    sandbox.dispose();
  }
  return results;
};
