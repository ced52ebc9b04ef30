import { PatchbayError } from '../api/errors';

// Stable codes for the mapping engine. They extend the contract's table (engine/api/errors.ts);
// the renderer, the CLI and tests branch on them, so a code never changes meaning once shipped.
export const mappingErrorCodes = {
  mapping_invalid_rules: 'The rules do not match the rule schema; fix the listed fields.',
  mapping_bad_path: 'A path is malformed; fix it at the given position.',
  mapping_unknown_transform: 'A transform name is not known; pick one from the transform list.',
  mapping_bad_transform_args: 'A transform got arguments it cannot use; fix them as the message says.',
  mapping_bad_expr: 'A JSONata expression does not parse; fix it at the given position.',
  mapping_needs_aggregate: 'A rule reads more [*] levels than its target has; add join, sum, count or first.',
  mapping_target_conflict: 'Two rules write overlapping targets (such as a and a.b); change one target.',
  mapping_duplicate_rule_id: 'Two rules share an id; give each rule its own id.',
  mapping_wildcard_unaligned: 'A target [*] has no source [*] to take its elements from.',
  mapping_requires_async: 'This mapping has JSONata rules; run it with the async API.',
  // Per record and rule, at run time.
  mapping_not_a_number: 'The value is not a number.',
  mapping_not_an_integer: 'The value is not a whole number.',
  mapping_not_a_boolean: 'The value is not a yes/no value.',
  mapping_bad_date: 'The value is not a date in the expected format.',
  mapping_lookup_miss: 'The value is not in the lookup table and the lookup has no default.',
  mapping_not_a_list: 'An aggregate needs a list of values.',
  mapping_expr_failed: 'The JSONata expression failed on this record.',
  mapping_transform_failed: 'A transform failed on this value.',
  mapping_value_too_deep: 'The value is nested too deeply to copy; map a field inside it instead.',
  mapping_value_cyclic: 'The value refers to itself and cannot be copied; map a field inside it instead.',
  mapping_record_failed: 'A record could not be mapped; see the error list.',
  mapping_bad_input: 'The input must be a record (object) or an array of records.',
  mapping_input_too_deep: 'The sample is nested too deeply; only its first levels were inspected.',
  mapping_input_cyclic: 'The sample refers to itself; the repeated part was not inspected.',
  // Spreadsheet import and export.
  mapping_import_empty: 'The file is empty; export a sheet with a header row and rules.',
  mapping_import_too_large: 'The file is too large for a mapping sheet.',
  mapping_import_bad_file: 'The file is not a readable CSV or XLSX workbook.',
  mapping_import_no_target_column: 'No target column was found; name one "Target" or "Your App".',
  mapping_import_row_invalid: 'A row of the sheet is invalid; fix the named row.',
  mapping_import_unsupported_format: 'Only .csv and .xlsx files can be imported or exported.',
} as const;

export type MappingErrorCode = keyof typeof mappingErrorCodes;

export function mappingError(code: MappingErrorCode, message?: string, details?: unknown): PatchbayError {
  return new PatchbayError(code, message ?? mappingErrorCodes[code], details);
}

/** A compile-time problem with one rule; `position` is a 0-based offset into `path`. */
export interface MappingIssue {
  readonly code: MappingErrorCode;
  readonly message: string;
  readonly ruleId: string | null;
  readonly field?: string;
  readonly path?: string;
  readonly position?: number;
}

/** A run-time problem with one rule on one record; the rest of the record still maps. */
export interface RecordError {
  readonly recordIndex: number;
  /** null when the record itself is unusable (not an object). */
  readonly ruleId: string | null;
  /** The target with concrete indices, e.g. `lineItems[2].quantity`. */
  readonly target: string;
  readonly code: string;
  readonly message: string;
}

/** Thrown inside a transform for a value it cannot convert; becomes a RecordError. */
export class TransformFailure extends Error {
  constructor(
    readonly code: MappingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransformFailure';
  }
}

export function issuesError(issues: readonly MappingIssue[]): PatchbayError {
  const first = issues[0];
  const code = first?.code ?? 'mapping_invalid_rules';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return mappingError(code, `${first?.message ?? mappingErrorCodes[code]}${more}`, { issues });
}
