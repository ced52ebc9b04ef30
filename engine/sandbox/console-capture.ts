import { MAX_CONSOLE_LINE_CHARS, MAX_CONSOLE_LINES } from './limits';
import type { ConsoleLevel, ConsoleLine } from './types';

const LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug']);

function isLevel(v: unknown): v is ConsoleLevel {
  return typeof v === 'string' && LEVELS.has(v);
}

/**
 * The host end of the console: the prelude already bounds and formats lines, and this end bounds
 * them again, because it must not trust anything that comes out of the isolate.
 */
export class ConsoleCapture {
  readonly lines: ConsoleLine[] = [];

  receive(level: unknown, text: unknown): void {
    if (typeof text !== 'string' || this.lines.length > MAX_CONSOLE_LINES) return;
    const clipped = text.length > MAX_CONSOLE_LINE_CHARS + 1 ? `${text.slice(0, MAX_CONSOLE_LINE_CHARS)}…` : text;
    this.lines.push({ level: isLevel(level) ? level : 'log', text: clipped });
  }
}
