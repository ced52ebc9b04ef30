import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { dragOnCanvas, type DragResult } from '../test/e2e/canvas-drag';
import { openApp } from '../test/e2e/helpers';
import type { BenchResult, BenchSuite } from './types';

// `npm run bench -- canvas`: frame rate while the mouse drags one block of a 30-block and of a
// 300-block workflow for about two seconds, in headless Debian Chromium against browser mode
// (the same measurement as test/e2e/canvas-scale.e2e.ts). The renderer is built fresh into a
// temporary folder first, so the figures are always of the code in the tree. Sizes alternate
// over several rounds and the medians are reported, since one drag on a shared machine is noisy.

const SIZES = [30, 300] as const;

async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export const run: BenchSuite = async ({ quick }) => {
  const outDir = mkdtempSync(join(tmpdir(), 'patchbay-bench-renderer-'));
  try {
    await buildRenderer(outDir);
    const app = await openApp({ prefix: 'patchbay-bench-canvas-', staticDir: outDir });
    const runs = new Map<number, DragResult[]>(SIZES.map((n) => [n, []]));
    try {
      // The first drag of a fresh page also pays for loading and compiling the canvas: not counted.
      await dragOnCanvas(app.bridge, app.page, SIZES[0], 500);
      const rounds = quick ? 1 : 3;
      for (let round = 0; round < rounds; round++) {
        for (const n of SIZES) runs.get(n)?.push(await dragOnCanvas(app.bridge, app.page, n, quick ? 800 : 2000));
      }
    } finally {
      await app.close();
    }
    const fps = (n: number) => median((runs.get(n) ?? []).map((r) => r.figures.fps));
    const p95 = (n: number) => median((runs.get(n) ?? []).map((r) => r.figures.p95Ms));
    const [small, large] = SIZES;
    const results: BenchResult[] = [
      { name: `drag, ${small} blocks (baseline)`, value: fps(small), unit: 'fps', ratio: null },
      { name: `drag, ${large} blocks`, value: fps(large), unit: 'fps', ratio: fps(large) / fps(small) },
      { name: `p95 frame, ${small} blocks (baseline)`, value: p95(small), unit: 'ms', ratio: null },
      { name: `p95 frame, ${large} blocks`, value: p95(large), unit: 'ms', ratio: p95(large) / p95(small) },
    ];
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
};
