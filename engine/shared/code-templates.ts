// Starting code for a Custom Code block: the TypeScript one is the block's default config; the
// JavaScript one types its parameters with JSDoc so completion still knows `input` and `ctx`.
// Shared: the inspector swaps one for the other when the language changes.

export const DEFAULT_TS_CODE = `// input: the value of "Input" below (by default the previous step's output).
// ctx: read-only run info (runId, mode, installation) and ctx.log().
export function run(input: Input, ctx: Ctx) {
  return input;
}
`;

export const DEFAULT_JS_CODE = `// input: the value of "Input" below (by default the previous step's output).
// ctx: read-only run info (runId, mode, installation) and ctx.log().
/** @param {Input} input @param {Ctx} ctx */
export function run(input, ctx) {
  return input;
}
`;

/** The code to show after switching language: an untouched template follows the switch. */
export function codeForLanguage(code: string, language: 'js' | 'ts'): string {
  if (language === 'js' && code === DEFAULT_TS_CODE) return DEFAULT_JS_CODE;
  if (language === 'ts' && code === DEFAULT_JS_CODE) return DEFAULT_TS_CODE;
  return code;
}
