import { JsonView } from './JsonView';

interface DryRunRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** A write block's output in a test sync: the request it would have sent, or null. */
export function dryRunRequest(output: unknown): DryRunRequest | null {
  if (typeof output !== 'object' || output === null) return null;
  const o = output as { dryRun?: unknown; request?: unknown };
  if (o.dryRun !== true || typeof o.request !== 'object' || o.request === null) return null;
  const r = o.request as Record<string, unknown>;
  if (typeof r.method !== 'string' || typeof r.url !== 'string') return null;
  const headers = typeof r.headers === 'object' && r.headers !== null ? (r.headers as Record<string, string>) : {};
  return { method: r.method, url: r.url, headers, body: r.body ?? null };
}

/** What a test sync would have written: method, URL, headers (credentials masked) and body. */
export function WouldSend({ request, testId }: { request: DryRunRequest; testId: string }) {
  return (
    <div className="would-send" data-testid={testId}>
      <div className="would-send-title">Not sent (test sync): this request would be made</div>
      <div className="would-send-line" data-testid={`${testId}-line`}>{request.method} {request.url}</div>
      <table aria-label="Headers">
        <tbody>
          {Object.entries(request.headers).map(([k, v]) => (
            <tr key={k}><td>{k}</td><td>{String(v).includes('[redacted]') ? '•••••• (masked)' : v}</td></tr>
          ))}
        </tbody>
      </table>
      <JsonView value={request.body} openDepth={2} testId={`${testId}-body`} />
    </div>
  );
}
