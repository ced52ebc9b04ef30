import jsonata from 'jsonata';
import { z } from 'zod';
import { PatchbayError } from '../../../errors/patchbay-error';
import { conditionOperators, type ConditionOperator } from '../../../shared/conditions';
import { defineBlock } from '../types';

const conditionSchema = z.object({
  field: z.unknown(),
  operator: z.enum(conditionOperators),
  value: z.unknown().optional(),
});

const branchConfigSchema = z.object({
  mode: z.enum(['conditions', 'expression']).default('conditions'),
  combinator: z.enum(['and', 'or']).default('and'),
  conditions: z.array(conditionSchema).default([]),
  expression: z.string().optional(),
  /** Data the JSONata expression reads as its input (`$` in the expression). */
  data: z.unknown().optional(),
});

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** Compares numbers as numbers when both sides look numeric (form values arrive as text). */
export function evaluateCondition(field: unknown, operator: ConditionOperator, value: unknown): boolean {
  const a = asNumber(field);
  const b = asNumber(value);
  const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
  switch (operator) {
    case 'eq': return a !== null && b !== null ? a === b : text(field) === text(value);
    case 'neq': return a !== null && b !== null ? a !== b : text(field) !== text(value);
    case 'gt': return a !== null && b !== null ? a > b : text(field) > text(value);
    case 'gte': return a !== null && b !== null ? a >= b : text(field) >= text(value);
    case 'lt': return a !== null && b !== null ? a < b : text(field) < text(value);
    case 'lte': return a !== null && b !== null ? a <= b : text(field) <= text(value);
    case 'contains': return Array.isArray(field) ? field.some((x) => text(x) === text(value)) : text(field).includes(text(value));
    case 'not_contains': return !evaluateCondition(field, 'contains', value);
    case 'exists': return field !== undefined && field !== null;
    case 'not_exists': return field === undefined || field === null;
    case 'empty': return isEmpty(field);
    case 'not_empty': return !isEmpty(field);
    case 'matches':
      try {
        return new RegExp(text(value)).test(text(field));
      } catch {
        throw new PatchbayError('invalid_config', `"${text(value)}" is not a valid regular expression.`);
      }
  }
}

export const branchBlock = defineBlock({
  kind: 'branch',
  pure: true,
  title: 'Branch',
  category: 'flow',
  icon: '◇',
  idPrefix: 'branch',
  description: 'Continues on "true" or "false" by conditions (field, operator, value) or a JSONata expression.',
  configSchema: branchConfigSchema,
  ports: ['true', 'false'],
  rawConfigKeys: ['expression'],
  defaultConfig: { mode: 'conditions', combinator: 'and', conditions: [{ field: '', operator: 'eq', value: '' }] },
  async execute(config) {
    let result: boolean;
    if (config.mode === 'expression') {
      if (!config.expression) throw new PatchbayError('invalid_config', 'Write a JSONata expression, or switch the Branch to conditions.');
      let compiled: ReturnType<typeof jsonata>;
      try {
        compiled = jsonata(config.expression);
      } catch (e) {
        throw new PatchbayError('invalid_config', `The JSONata expression does not parse: ${(e as Error).message}`);
      }
      result = Boolean(await compiled.evaluate(config.data ?? {}));
    } else {
      const outcomes = config.conditions.map((c) => evaluateCondition(c.field, c.operator, c.value));
      result = config.combinator === 'and' ? outcomes.every(Boolean) : outcomes.some(Boolean);
    }
    return { output: { result }, port: result ? 'true' : 'false' };
  },
});
