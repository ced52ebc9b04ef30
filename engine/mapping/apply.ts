import type { CompiledMapping, MapManyResult, MapRecordResult } from './compiled';
import { mappingError, type RecordError } from './errors';

// The error policy shared by the Map Fields block, the CLI and the preview: with `fail_record` a
// record with any error is left out (or, for a single record, the step fails); with `null_field`
// the field that failed is null and the record goes on. Either way every error is reported.

export type ErrorPolicy = 'fail_record' | 'null_field';
export const ERROR_POLICIES = ['fail_record', 'null_field'] as const;

export interface ManyOutput {
  readonly records: unknown[];
  readonly errors: RecordError[];
  /** Input positions of the records left out under `fail_record` (or with errors under `null_field`). */
  readonly failed: number[];
}

export interface OneOutput {
  readonly record: unknown;
  readonly errors: RecordError[];
}

export async function mapMany(compiled: CompiledMapping, records: readonly unknown[], policy: ErrorPolicy): Promise<ManyOutput> {
  const res: MapManyResult = compiled.isAsync ? await compiled.mapRecordsAsync(records) : compiled.mapRecords(records);
  const failedSet = new Set(res.errors.map((e) => e.recordIndex));
  const failed = [...failedSet].sort((a, b) => a - b);
  const out = policy === 'fail_record' ? res.values.filter((_v, i) => !failedSet.has(i)) : res.values;
  return { records: out, errors: res.errors, failed };
}

export async function mapOne(compiled: CompiledMapping, record: unknown, policy: ErrorPolicy): Promise<OneOutput> {
  const res: MapRecordResult = compiled.isAsync ? await compiled.mapRecordAsync(record) : compiled.mapRecord(record);
  if (res.errors.length > 0 && policy === 'fail_record') {
    const first = res.errors[0] as RecordError;
    const more = res.errors.length > 1 ? ` (and ${res.errors.length - 1} more)` : '';
    throw mappingError('mapping_record_failed', `the record could not be mapped: ${first.target}: ${first.message}${more}`, { errors: res.errors });
  }
  return { record: res.value, errors: res.errors };
}

/** One record (object) or many (array); anything else is refused with mapping_bad_input. */
export async function applyMapping(compiled: CompiledMapping, input: unknown, policy: ErrorPolicy): Promise<ManyOutput | OneOutput> {
  if (Array.isArray(input)) return mapMany(compiled, input, policy);
  if (input !== null && typeof input === 'object') return mapOne(compiled, input, policy);
  const got = input === undefined ? 'nothing' : input === null ? 'null' : typeof input;
  throw mappingError('mapping_bad_input', `the input must be a record or an array of records, got ${got}; check the input reference`);
}
