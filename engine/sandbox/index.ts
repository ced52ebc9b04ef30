// The Custom Code sandbox: user functions in isolated-vm isolates with time and memory limits,
// JSON in and out. The renderer must import only `./typings` (pure); this index loads
// isolated-vm and esbuild.
export { createSandbox } from './sandbox';
export { codeErrorCodes, describeCodeError, type CodeError, type CodeErrorCode } from './errors';
export * from './limits';
export { inputTypings, typeOfSample, CTX_TYPINGS, type TypingsOptions } from './typings';
export type {
  CodeLanguage,
  CodeRunInfo,
  ConsoleLevel,
  ConsoleLine,
  RunTimings,
  Sandbox,
  SandboxOptions,
  SandboxRunRequest,
  SandboxRunResult,
  SandboxStats,
} from './types';
