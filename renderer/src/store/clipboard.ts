import type { ClipboardPayload } from './docOps';

// One clipboard for the whole app, so blocks copied in one workflow paste into another.
// Each paste of the same payload lands a step further down-right.
let current: ClipboardPayload | null = null;
let pasteCount = 0;

export function setClipboard(payload: ClipboardPayload): void {
  current = payload;
  pasteCount = 0;
}

export function takeClipboard(): { payload: ClipboardPayload; offset: number } | null {
  if (!current) return null;
  pasteCount += 1;
  return { payload: current, offset: 40 * pasteCount };
}
