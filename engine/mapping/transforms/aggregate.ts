import { TransformFailure } from '../errors';
import { toNumber } from './convert';
import { textOf } from './text';
import { defineTransform, isMissing, maxArgs, stringArg } from './registry';

// Aggregates turn a list into one value. The chain runner hands them a list: the values gathered
// from [*] levels beyond the target's, or an array value, or a single value as a list of one.

function asList(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  throw new TransformFailure('mapping_not_a_list', 'an aggregate needs a list of values');
}

export const join = defineTransform({
  name: 'join',
  kind: 'aggregate',
  signature: 'join(separator?)',
  summary: 'Joins a list of values into text (", " by default), skipping empty ones.',
  output: 'string',
  create(args) {
    maxArgs(args, 1, 'join');
    const sep = stringArg(args, 0, 'join separator', ', ');
    return (v) => {
      const parts: string[] = [];
      for (const p of asList(v)) if (!isMissing(p) && p !== '') parts.push(textOf(p));
      return parts.join(sep);
    };
  },
});

export const sum = defineTransform({
  name: 'sum',
  kind: 'aggregate',
  signature: 'sum',
  summary: 'Adds up a list of numbers (text such as "12.5" is converted); an empty list is 0.',
  output: 'number',
  create(args) {
    maxArgs(args, 0, 'sum');
    return (v) => {
      let total = 0;
      for (const p of asList(v)) {
        const n = toNumber(p);
        if (!isMissing(n)) total += n;
      }
      // Binary floating point: 0.1 + 0.2 should show as 0.3 in an order total.
      return Number(total.toPrecision(15));
    };
  },
});

export const count = defineTransform({
  name: 'count',
  kind: 'aggregate',
  signature: 'count',
  summary: 'How many values the list has (missing values are not counted).',
  output: 'number',
  create(args) {
    maxArgs(args, 0, 'count');
    return (v) => {
      let n = 0;
      for (const p of asList(v)) if (!isMissing(p)) n += 1;
      return n;
    };
  },
});

export const first = defineTransform({
  name: 'first',
  kind: 'aggregate',
  signature: 'first',
  summary: 'The first value of the list that is not missing.',
  output: 'any',
  create(args) {
    maxArgs(args, 0, 'first');
    return (v) => {
      for (const p of asList(v)) if (!isMissing(p)) return p;
      return undefined;
    };
  },
});
