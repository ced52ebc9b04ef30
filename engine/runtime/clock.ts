let lastMs = -1;
let lastIso = '';

/**
 * The current time as an ISO string, formatted at most once per millisecond: a tight loop
 * journals dozens of steps per millisecond and formatting dates was a visible part of each.
 */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
