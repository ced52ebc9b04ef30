import { SqlError } from './sql-errors';
import { isDate, type Val } from './sql-tables';

// SuiteQL values: how they print (strings; dates in the account's display format), compare
// (dates against date-like strings, numbers against numeric strings) and key hash joins.

/** Without TO_CHAR, dates come back in the account's display format (here M/D/YYYY). */
export function display(v: Val): string | null {
  if (v === null) return null;
  if (isDate(v)) {
    const t = new Date(v.ms);
    return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()}`;
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Math.round(v * 1e8) / 1e8);
  return String(v);
}

function toComparable(v: Val, other: Val): number | string | null {
  if (v === null) return null;
  if (isDate(v)) return v.ms;
  if (isDate(other) && typeof v === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}Z`) : Number.NaN;
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    const ms = us ? Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])) : iso;
    if (Number.isNaN(ms)) throw new SqlError(`cannot compare a date with "${v}"`);
    return ms;
  }
  if (typeof other === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v;
}

export function compare(a: Val, b: Val): number | null {
  const x = toComparable(a, b);
  const y = toComparable(b, a);
  if (x === null || y === null) return null;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const xs = String(x);
  const ys = String(y);
  return xs < ys ? -1 : xs > ys ? 1 : 0;
}

/** A hash key under which values that compare equal meet (`'512'` and `512` alike); null never joins. */
export function joinKey(v: Val): string | null {
  if (v === null) return null;
  if (isDate(v)) return `d${v.ms}`;
  if (typeof v === 'number') return `n${v}`;
  const t = v.trim();
  return t !== '' && !Number.isNaN(Number(t)) ? `n${Number(t)}` : `s${v}`;
}

export function toNumber(v: Val): number | null {
  if (v === null || isDate(v)) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isNaN(n)) throw new SqlError(`"${String(v)}" is not a number`);
  return n;
}

/** `%` and `_` wildcards, case-sensitive as in Oracle. */
export function likeMatcher(pattern: string): (s: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
  return (s) => re.test(s);
}
