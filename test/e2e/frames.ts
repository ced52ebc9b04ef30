import type { Page } from 'playwright-core';

// Frame times as a user feels them: the gap between one requestAnimationFrame callback and the
// next while something happens on the page. Long animation frames (over 50 ms) are kept with the
// script time inside them: a long frame with little script time was the machine, not the app.

export interface LongFrame { readonly duration: number; readonly script: number }

export interface FrameFigures {
  readonly frames: number;
  /** Frames per second over the recorded span (frames / seconds). */
  readonly fps: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly worstMs: number;
}

interface FrameWindow { __frames: number[]; __stop: boolean; __long: LongFrame[] }

// A string, not a function: tsx (the bench's loader) wraps named functions in a helper that does
// not exist in the page.
const START_FRAMES = `(() => {
  const w = window;
  w.__frames = [];
  w.__stop = false;
  w.__long = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__long.push({ duration: e.duration, script: (e.scripts || []).reduce((a, x) => a + x.duration, 0) });
      }
    }).observe({ type: 'long-animation-frame' });
  } catch {
    // older Chromium: rAF figures only
  }
  let last = performance.now();
  const tick = (t) => {
    w.__frames.push(t - last);
    last = t;
    if (!w.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
})()`;

export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES);
}

/** Stops recording; answers every frame's duration in ms, in order. */
export async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as FrameWindow;
    w.__stop = true;
    return w.__frames;
  });
}

export function frameCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as FrameWindow).__frames.length);
}

export function longFrames(page: Page): Promise<LongFrame[]> {
  return page.evaluate(() => (window as unknown as FrameWindow).__long);
}

export function frameFigures(deltas: readonly number[]): FrameFigures {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    frames: sorted.length,
    fps: total > 0 ? round((deltas.length * 1000) / total) : 0,
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    worstMs: round(sorted.at(-1) ?? 0),
  };
}
