import { PatchbayError } from '../errors/patchbay-error';
import { mappingErrorCodes } from '../errors/codes/mapping';

// Stable codes for the mapping engine live in the one error table (engine/errors/codes);
// the renderer, the CLI and tests branch on them, so a code never changes meaning once shipped.
export { mappingErrorCodes };

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
