import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import utc from 'dayjs/plugin/utc.js';
import { TransformFailure } from '../errors';
import { ArgError, defineTransform, isMissing, maxArgs, show } from './registry';

dayjs.extend(customParseFormat);
dayjs.extend(utc);

// Dates are read and written in UTC: NetSuite sends dates as YYYY-MM-DD and date-times in UTC,
// and a mapping must give the same answer on every analyst's machine whatever its time zone.

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

type Parser = (text: string) => dayjs.Dayjs | null;

function isoParser(text: string): dayjs.Dayjs | null {
  if (!ISO.test(text)) return null;
  // dayjs alone rolls 2025-02-30 over into March; the strict check of the date part refuses it.
  if (!dayjs.utc(text.slice(0, 10), 'YYYY-MM-DD', true).isValid()) return null;
  const d = dayjs.utc(text);
  return d.isValid() ? d : null;
}

function formatParser(format: string): Parser {
  return (text) => {
    const d = dayjs.utc(text, format, true);
    return d.isValid() ? d : null;
  };
}

function parsersFor(arg: unknown): Parser[] {
  if (arg === undefined || arg === 'iso' || arg === 'auto') return [isoParser];
  const formats = Array.isArray(arg) ? arg : [arg];
  if (formats.length === 0) throw new ArgError('date needs at least one input format');
  return formats.map((f) => {
    if (typeof f !== 'string' || f === '') throw new ArgError(`date input format must be text such as "MM/DD/YYYY", got ${show(f)}`);
    return f === 'iso' ? isoParser : formatParser(f);
  });
}

export const date = defineTransform({
  name: 'date',
  kind: 'value',
  signature: 'date(from?, to?)',
  summary: 'Reads a date in the given format(s) ("iso" by default) and writes it as `to` (YYYY-MM-DD by default, "iso" for a full timestamp).',
  output: 'string',
  create(args) {
    maxArgs(args, 2, 'date');
    const parsers = parsersFor(args[0]);
    const to = args[1] ?? 'YYYY-MM-DD';
    if (typeof to !== 'string' || to === '') throw new ArgError(`date output format must be text, got ${show(to)}`);
    const expected = Array.isArray(args[0]) ? args[0].join(' or ') : typeof args[0] === 'string' ? args[0] : 'an ISO date';
    return (v) => {
      if (isMissing(v)) return v;
      let d: dayjs.Dayjs | null = null;
      if (typeof v === 'number' && Number.isFinite(v)) d = dayjs.utc(v);
      else if (typeof v === 'string') {
        const text = v.trim();
        if (text === '') return null;
        for (const p of parsers) {
          d = p(text);
          if (d) break;
        }
      }
      if (!d || !d.isValid()) throw new TransformFailure('mapping_bad_date', `${show(v)} is not a date in ${expected}`);
      return to === 'iso' ? d.toISOString() : d.format(to);
    };
  },
});
