import { formatTime } from '../runs/format';
import { parsePasted } from '../json/pasted';

/** Time today, date and time otherwise: lists mix fresh and old entries. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === new Date().toDateString() ? formatTime(iso) : `${d.toLocaleDateString()} ${formatTime(iso)}`;
}

/** A JSON value on one line, cut to `max` characters, for change lists and conflict rows. */
export function shortJson(value: unknown, max = 80): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Parses what a user typed into a config value: JSON when it is JSON, else the text as is. JSON
 * too deep or too large to use is never parsed (the form refuses it with refusedJson).
 */
export function parseLooseJson(text: string): unknown {
  const t = text.trim();
  if (t === '') return '';
  const r = parsePasted(t, 'The value');
  return r.ok ? r.value : text;
}

/** The inverse of parseLooseJson: strings stay bare so they round-trip as typed. */
export function toLooseJson(value: unknown): string {
  // A string that would read back as something else ("42", "true") keeps its quotes.
  if (typeof value === 'string' && parseLooseJson(value) === value) return value;
  return JSON.stringify(value);
}
