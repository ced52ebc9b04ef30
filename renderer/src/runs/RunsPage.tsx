import { useCallback, useState } from 'react';
import type { RunStatus } from '../../../engine/api';
import { useClient } from '../client/context';
import { AppNav } from '../integrations/AppNav';
import { formatWhen } from '../installations/format';
import { RunSteps } from '../installations/RunsPanel';
import { useLoad } from '../installations/useLoad';
import { formatDuration, runDuration } from './format';
import '../testsync/testsync.css';

const statuses: readonly RunStatus[] = ['failed', 'stopped', 'succeeded', 'running', 'cancelled'];
const periods = [
  { label: 'Any time', ms: 0 },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/** Every run of every installation, filtered by customer, workflow, status and time. */
export function RunsPage() {
  const client = useClient();
  const [customer, setCustomer] = useState('');
  const [workflow, setWorkflow] = useState('');
  const [status, setStatus] = useState('');
  const [period, setPeriod] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const installations = useLoad(useCallback(() => client.call('installations.list', {}), [client]));
  const integrations = useLoad(useCallback(() => client.call('integrations.list', {}), [client]));
  const runs = useLoad(useCallback(() => {
    const ms = periods[period]?.ms ?? 0;
    return client.call('runs.search', {
      installationId: customer || undefined, workflowId: workflow || undefined, status: (status || undefined) as RunStatus | undefined,
      since: ms ? new Date(Date.now() - ms).toISOString() : undefined, limit: 200,
    });
  }, [client, customer, workflow, status, period]));
  const workflows = (integrations.data ?? []).flatMap((i) => i.workflows.map((w) => ({ id: w.id, name: w.name, integration: i.name })));
  return (
    <div className="manager-page">
      <AppNav current="runs" />
      <main className="list-page wide" data-testid="runs-page">
        <h1>Runs</h1>
        <div className="runs-filters">
          <label>Customer
            <select data-testid="runs-filter-customer" value={customer} onChange={(e) => setCustomer(e.target.value)}>
              <option value="">All customers</option>
              {(installations.data ?? []).map((i) => <option key={i.id} value={i.id}>{i.customerName} — {i.integrationName}</option>)}
            </select>
          </label>
          <label>Workflow
            <select data-testid="runs-filter-workflow" value={workflow} onChange={(e) => setWorkflow(e.target.value)}>
              <option value="">All workflows</option>
              {workflows.map((w) => <option key={w.id} value={w.id}>{w.name} — {w.integration}</option>)}
            </select>
          </label>
          <label>Status
            <select data-testid="runs-filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any status</option>
              {statuses.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label>Started
            <select data-testid="runs-filter-time" value={period} onChange={(e) => setPeriod(Number(e.target.value))}>
              {periods.map((p, i) => <option key={p.label} value={i}>{p.label}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => void runs.reload()}>Refresh</button>
        </div>
        {runs.error ? <div className="banner banner-error" role="alert">{runs.error}</div> : null}
        {runs.data?.length === 0 ? <p className="empty-note" data-testid="runs-empty">No runs match these filters.</p> : null}
        {(runs.data ?? []).map((r) => (
          <details key={r.id} className="run-item" data-testid="runs-page-item" open={open === r.id}
            onToggle={(e) => {
              const now = e.currentTarget.open;
              if (now !== (open === r.id)) setOpen(now ? r.id : null);
            }}>
            <summary>
              <span className={`status-pill status-${r.status}`}>{r.status}</span>
              {r.mode === 'test' ? <span className="badge badge-test">test sync · not sent</span> : null}
              <b>{r.workflowName}</b>
              <span data-testid="runs-page-customer">{r.customerName ?? 'no customer'}</span>
              <span className="muted">{formatWhen(r.startedAt)} · {formatDuration(runDuration(r))} · {r.stepCount} steps</span>
            </summary>
            {open === r.id ? <RunSteps run={r} /> : null}
          </details>
        ))}
      </main>
    </div>
  );
}
