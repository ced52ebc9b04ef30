import { TransformFailure } from '../errors';
import { ArgError, defineTransform, intArg, isMissing, maxArgs, show } from './registry';

// "1,234.5" (thousands groups of exactly three digits) is accepted; "1,5" is not, because it
// means 1.5 in some locales and 15 in others and guessing would corrupt quantities silently.
const NUMERIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function toNumber(v: unknown): number | null | undefined {
  if (isMissing(v)) return v;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    throw new TransformFailure('mapping_not_a_number', `${show(v)} is not a finite number`);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    if (NUMERIC.test(s) && /\d/.test(s)) {
      const n = Number(s.replace(/,/g, ''));
      if (Number.isFinite(n)) return n;
    }
  }
  throw new TransformFailure('mapping_not_a_number', `${show(v)} is not a number`);
}

export const number = defineTransform({
  name: 'number',
  kind: 'value',
  signature: 'number',
  summary: 'Converts text such as "12.5" or "1,234" to a number; "abc" is an error.',
  output: 'number',
  create(args) {
    maxArgs(args, 0, 'number');
    return toNumber;
  },
});

export const integer = defineTransform({
  name: 'integer',
  kind: 'value',
  signature: 'integer',
  summary: 'Converts to a whole number; 12.5 is an error (use round first to drop decimals).',
  output: 'number',
  create(args) {
    maxArgs(args, 0, 'integer');
    return (v) => {
      const n = toNumber(v);
      if (isMissing(n)) return n;
      if (!Number.isInteger(n)) throw new TransformFailure('mapping_not_an_integer', `${show(v)} is not a whole number`);
      return n;
    };
  },
});

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', 'off']);

export const boolean = defineTransform({
  name: 'boolean',
  kind: 'value',
  signature: 'boolean',
  summary: 'true/false from true, "T"/"F" (NetSuite), yes/no, y/n, 1/0, on/off.',
  output: 'boolean',
  create(args) {
    maxArgs(args, 0, 'boolean');
    return (v) => {
      if (isMissing(v) || typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (s === '') return null;
        if (TRUE.has(s)) return true;
        if (FALSE.has(s)) return false;
      }
      throw new TransformFailure('mapping_not_a_boolean', `${show(v)} is not a yes/no value`);
    };
  },
});

/** Half away from zero, on the decimal text, so 1.005 rounds to 1.01 as a person expects. */
export function roundTo(n: number, digits: number): number {
  const sign = n < 0 ? -1 : 1;
  const text = String(Math.abs(n));
  if (text.includes('e')) return sign * (Math.round(Math.abs(n) * 10 ** digits) / 10 ** digits);
  const shifted = Math.round(Number(`${text}e${digits}`));
  const back = Number(`${shifted}e${-digits}`);
  return sign * back;
}

export const round = defineTransform({
  name: 'round',
  kind: 'value',
  signature: 'round(digits?)',
  summary: 'Rounds a number (half away from zero) to the given decimals, 0 by default.',
  output: 'number',
  create(args) {
    maxArgs(args, 1, 'round');
    const digits = intArg(args, 0, 'round digits', 0);
    if (digits < 0 || digits > 12) throw new ArgError('round digits must be 0 to 12');
    return (v) => {
      const n = toNumber(v);
      return isMissing(n) ? n : roundTo(n, digits);
    };
  },
});
