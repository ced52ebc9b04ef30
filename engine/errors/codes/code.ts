import { CODE_LIMITS } from '../../shared/code-limits';

// Codes of the Custom Code sandbox (engine/sandbox), part of the one error table.
export const codeErrorCodes = {
  code_syntax_error: 'The code does not parse; fix the marked line.',
  code_runtime_error: 'The code threw an error; see the marked line.',
  code_timeout: 'The code ran longer than its time limit; look for endless loops or raise timeoutMs.',
  code_memory_limit: 'The code used more memory than its limit; process less data per run or raise memoryMb.',
  code_output_too_large: 'The returned value is too large; return fewer or smaller records.',
  code_invalid_output: 'The returned value is not JSON (functions, symbols, getters, cycles, Map/Set…); return plain data.',
  code_invalid_input: 'The input could not be passed to the code as JSON.',
  code_no_export: 'The code exports no function; write `export function run(input, ctx) { … }`.',
  code_not_a_function: 'The exported `run` is not a function; export a function `run(input, ctx)`.',
  code_too_large: `The code is larger than ${CODE_LIMITS.maxCodeBytes / 1024 / 1024} MB; move data out of the code.`,
  code_cancelled: 'The run was cancelled while the code was running.',
  code_sandbox_crashed: 'The code sandbox process ended while this code was running; run it again (a new one has started).',
  code_sandbox_unavailable: 'The code sandbox is shut down or could not start; restart the engine.',
} as const;
