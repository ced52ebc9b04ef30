import type { MethodResult } from '../../../engine/api';
import { JsonView } from '../runs/JsonView';

type CodeRun = MethodResult<'code.run'>;

/** The answer of "Run with sample": the error with its position, console lines, and the output. */
export function RunResult({ result }: { result: CodeRun }) {
  const { error } = result;
  return (
    <div className="code-result" data-testid="code-result">
      <div className="code-result-head">
        <span className={`status-pill status-${result.ok ? 'succeeded' : 'failed'}`}>{result.ok ? 'ok' : 'failed'}</span>
        <span className="muted">{result.timings.totalMs.toFixed(0)} ms</span>
      </div>
      {error ? (
        <div className="step-error" role="alert" data-testid="code-error">
          {error.message}
          {error.line !== null ? <span className="muted"> (line {error.line}{error.column !== null ? `, column ${error.column}` : ''})</span> : null}
        </div>
      ) : null}
      {result.console.length > 0 ? (
        <div>
          <div className="step-io-title">Console</div>
          <pre className="code-console" data-testid="code-console">
            {result.console.map((l, i) => (
              <div key={i} className={`console-${l.level}`}>{l.level === 'log' ? '' : `[${l.level}] `}{l.text}</div>
            ))}
          </pre>
        </div>
      ) : null}
      {result.ok ? (
        <div>
          <div className="step-io-title">Output</div>
          <JsonView value={result.output} openDepth={2} testId="code-output" />
        </div>
      ) : null}
    </div>
  );
}
