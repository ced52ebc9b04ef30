import type { z } from 'zod';
import { buildMapFn, generateSource, type MapFn } from './compile';
import { issuesError, mappingError, TransformFailure, type MappingIssue, type RecordError } from './errors';
import { interpretRecord } from './interpret';
import { planMapping, type Plan } from './plan';
import { mappingRulesSchema, type Rule } from './rules';

// A compiled mapping: rules checked and planned once, then one generated function per mapping.
// Mappings without JSONata rules run synchronously; with them, expressions are evaluated first
// (async) and their results handed to the same synchronous function.

export interface MapRecordResult {
  /** null when the input record was not an object. */
  readonly value: Record<string, unknown> | null;
  readonly errors: RecordError[];
}

export interface MapManyResult {
  readonly values: (Record<string, unknown> | null)[];
  readonly errors: RecordError[];
}

export interface CompiledMapping {
  readonly rules: readonly Rule[];
  readonly plan: Plan;
  /** The generated JavaScript, for debugging and for the injection test. */
  readonly source: string;
  readonly isAsync: boolean;
  mapRecord(record: unknown, recordIndex?: number): MapRecordResult;
  mapRecords(records: readonly unknown[]): MapManyResult;
  mapRecordAsync(record: unknown, recordIndex?: number): Promise<MapRecordResult>;
  mapRecordsAsync(records: readonly unknown[]): Promise<MapManyResult>;
}

/** zod problems as mapping issues, naming the rule (by id when it has one) and the field. */
export function schemaIssues(input: unknown, error: z.ZodError): MappingIssue[] {
  return error.issues.map((iss) => {
    const [index, field, ...rest] = iss.path;
    const candidate = Array.isArray(input) && typeof index === 'number' ? (input[index] as { id?: unknown } | undefined) : undefined;
    const ruleId = typeof candidate?.id === 'string' ? candidate.id : typeof index === 'number' ? `#${index + 1}` : null;
    const where = [field, ...rest].filter((p) => p !== undefined).map(String).join('.');
    return {
      code: 'mapping_invalid_rules' as const,
      ruleId,
      field: where || undefined,
      message: `rule ${ruleId ?? ''}${where ? ` ${where}` : ''}: ${iss.message}`.replace(/\s+/g, ' '),
    };
  });
}

export function parseRules(input: unknown): Rule[] {
  const parsed = mappingRulesSchema.safeParse(input);
  if (!parsed.success) throw issuesError(schemaIssues(input, parsed.error));
  return parsed.data;
}

function badRecord(recordIndex: number): RecordError {
  return { recordIndex, ruleId: null, target: '', code: 'mapping_bad_input', message: 'the record is not an object' };
}

const isRecord = (v: unknown): v is object => v !== null && typeof v === 'object' && !Array.isArray(v);

export function compileMapping(input: unknown): CompiledMapping {
  const rules = parseRules(input);
  const plan = planMapping(rules);
  if (plan.issues.length > 0) throw issuesError(plan.issues);
  const source = generateSource(plan);
  const fn: MapFn = buildMapFn(plan, source);
  const isAsync = plan.exprs.length > 0;
  const NO_X: readonly unknown[] = [];

  const evaluateExprs = async (record: object, recordIndex: number, errors: RecordError[]): Promise<unknown[]> =>
    Promise.all(
      plan.exprs.map(async ({ rule, expr }) => {
        try {
          return await expr.evaluate(record);
        } catch (e) {
          const pr = plan.rules[rule];
          const message = e instanceof Error ? e.message : String(e);
          const code = e instanceof TransformFailure ? e.code : 'mapping_expr_failed';
          errors.push({ recordIndex, ruleId: pr?.rule.id ?? null, target: pr?.rule.target ?? '', code, message });
          return undefined;
        }
      }),
    );

  const mapSync = (record: unknown, ri: number, errors: RecordError[]): Record<string, unknown> | null => {
    if (!isRecord(record)) {
      errors.push(badRecord(ri));
      return null;
    }
    return fn(record, ri, errors, NO_X);
  };

  const mapAsync = async (record: unknown, ri: number, errors: RecordError[]): Promise<Record<string, unknown> | null> => {
    if (!isRecord(record)) {
      errors.push(badRecord(ri));
      return null;
    }
    const X = isAsync ? await evaluateExprs(record, ri, errors) : NO_X;
    return fn(record, ri, errors, X);
  };

  const requireSync = (): void => {
    if (isAsync) throw mappingError('mapping_requires_async', 'this mapping has JSONata rules; use mapRecordAsync or mapRecordsAsync');
  };

  return {
    rules,
    plan,
    source,
    isAsync,
    mapRecord(record, recordIndex = 0) {
      requireSync();
      const errors: RecordError[] = [];
      return { value: mapSync(record, recordIndex, errors), errors };
    },
    mapRecords(records) {
      requireSync();
      const errors: RecordError[] = [];
      const values = new Array<Record<string, unknown> | null>(records.length);
      for (let i = 0; i < records.length; i++) values[i] = mapSync(records[i], i, errors);
      return { values, errors };
    },
    async mapRecordAsync(record, recordIndex = 0) {
      const errors: RecordError[] = [];
      return { value: await mapAsync(record, recordIndex, errors), errors };
    },
    async mapRecordsAsync(records) {
      const errors: RecordError[] = [];
      const values: (Record<string, unknown> | null)[] = [];
      for (let i = 0; i < records.length; i++) values.push(await mapAsync(records[i], i, errors));
      return { values, errors };
    },
  };
}

/** The reference interpreter over the same plan: same output and errors, rule by rule. */
export async function interpretMapping(plan: Plan, record: unknown, recordIndex = 0): Promise<MapRecordResult> {
  const errors: RecordError[] = [];
  if (!isRecord(record)) return { value: null, errors: [badRecord(recordIndex)] };
  const X: unknown[] = [];
  for (const { rule, expr } of plan.exprs) {
    try {
      X.push(await expr.evaluate(record));
    } catch (e) {
      const pr = plan.rules[rule];
      const code = e instanceof TransformFailure ? e.code : 'mapping_expr_failed';
      errors.push({ recordIndex, ruleId: pr?.rule.id ?? null, target: pr?.rule.target ?? '', code, message: e instanceof Error ? e.message : String(e) });
      X.push(undefined);
    }
  }
  return { value: interpretRecord(plan, record, recordIndex, X, errors), errors };
}

const cache = new Map<string, CompiledMapping>();

/** Blocks inside loops run the same rules many times; compile each distinct mapping once. */
export function compileMappingCached(input: unknown): CompiledMapping {
  const key = JSON.stringify(input) ?? '';
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileMapping(input);
  if (cache.size >= 64) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, compiled);
  return compiled;
}
