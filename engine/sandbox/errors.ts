import { codeErrorCodes } from '../errors/codes/code';

// Stable codes for everything that can go wrong with user code live in the contract's table
// (engine/errors/codes); the CLI, the inspector and the step journal show them.
export { codeErrorCodes };

export type CodeErrorCode = keyof typeof codeErrorCodes;

/** `line` and `column` are 1-based positions in the code as the user wrote it, when known. */
export interface CodeError {
  readonly code: CodeErrorCode;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

export function codeError(
  code: CodeErrorCode,
  message?: string,
  at?: { line: number; column: number } | null,
): CodeError {
  return { code, message: message ?? codeErrorCodes[code], line: at?.line ?? null, column: at?.column ?? null };
}

/** Human text with its position, for logs and the CLI's stderr. */
export function describeCodeError(e: CodeError): string {
  return e.line === null ? `${e.code}: ${e.message}` : `${e.code} at line ${e.line}:${e.column ?? 1}: ${e.message}`;
}

/** Thrown by a payload iterator when the input cannot become JSON. */
export class InvalidInput extends Error {}
