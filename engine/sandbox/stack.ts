import { codeError, codeErrorCodes, type CodeError, type CodeErrorCode } from './errors';
import { userPosition, USER_SCRIPT_NAME, type TranspiledCode } from './transpile';

/** What the prelude reports when user code fails inside the isolate. */
export interface IsolateFailure {
  readonly code: string;
  readonly message: string;
  readonly stack: string | null;
  /** Batch mode: the index of the record whose run failed. */
  readonly record: number | null;
}

function isCodeErrorCode(code: string): code is CodeErrorCode {
  return Object.hasOwn(codeErrorCodes, code);
}

const FRAME = new RegExp(`${USER_SCRIPT_NAME.replace('.', '\\.')}:(\\d+):(\\d+)`);

/** The user's own position of the innermost frame in their code, through the source map. */
export function userFrame(code: TranspiledCode, stack: string | null): { line: number; column: number } | null {
  if (!stack) return null;
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (m) return userPosition(code, Number(m[1]), Number(m[2]));
  }
  return null;
}

/** `TypeError: x is undefined` from the stack's first line, or the bare message. */
function headline(failure: IsolateFailure): string {
  const first = failure.stack?.split('\n', 1)[0]?.trim();
  return first && first.includes(failure.message) ? first : failure.message;
}

const MAX_MESSAGE = 2_000;

export function fromIsolateFailure(code: TranspiledCode, failure: IsolateFailure): CodeError {
  // Only codes from our table leave the sandbox, whatever text came out of the isolate.
  const kind = isCodeErrorCode(failure.code) ? failure.code : 'code_runtime_error';
  const head = kind === 'code_runtime_error' ? headline(failure) : failure.message;
  const full = failure.record === null ? head : `${head} (record ${failure.record})`;
  const message = full.length > MAX_MESSAGE ? `${full.slice(0, MAX_MESSAGE)}…` : full;
  return codeError(kind, message, userFrame(code, failure.stack));
}

/** V8 compile errors from isolated-vm end with `[user-code.js:line:column]`. */
export function fromCompileError(code: TranspiledCode, e: unknown): CodeError {
  const message = e instanceof Error ? e.message : String(e);
  return codeError('code_syntax_error', message.replace(/\s*\[[^\]]*\]\s*$/, ''), userFrame(code, message));
}

export function parseFailure(text: string): IsolateFailure {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && 'code' in v && 'message' in v) {
      const stack = 'stack' in v && typeof v.stack === 'string' ? v.stack : null;
      const record = 'record' in v && typeof v.record === 'number' && v.record >= 0 ? v.record : null;
      return { code: String(v.code), message: String(v.message), stack, record };
    }
  } catch {
    // fall through: a malformed report is still a failure of the user's code
  }
  return { code: 'code_runtime_error', message: 'The code failed without a readable error.', stack: null, record: null };
}
