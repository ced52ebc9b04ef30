import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../client/context';
import { useLoad } from '../installations/useLoad';
import { parsePasted } from '../json/pasted';
import './testsync.css';

export interface TestSyncRequest {
  readonly input: unknown;
  readonly text: string;
  readonly limit: number;
  readonly installationId: string | null;
}

export const DEFAULT_TEST_LIMIT = 5;

/** Whose account a test sync reads: fixed (an installation's page, a customer's version) or picked. */
export type TestSyncCustomer =
  | { readonly fixed: { readonly id: string; readonly name: string } }
  | { readonly pick: { readonly integrationId: string | null } };

function CustomerPicker(props: { integrationId: string | null; value: string; onChange(id: string): void }) {
  const client = useClient();
  const { integrationId } = props;
  const list = useLoad(useCallback(() => client.call('installations.list', integrationId ? { integrationId } : {}), [client, integrationId]));
  const usable = (list.data ?? []).filter((i) => i.status === 'installed');
  const { value, onChange } = props;
  // The first installed customer is the natural default for a base workflow of an integration (it
  // reads its connections from one); a workflow of no integration runs on its own by default.
  const first = integrationId ? usable[0]?.id : undefined;
  const loaded = list.data !== null;
  useEffect(() => {
    if (value === '' && loaded) onChange(first ?? 'none');
  }, [value, first, loaded, onChange]);
  return (
    <>
      <label htmlFor="test-sync-customer">Run as customer…</label>
      <select id="test-sync-customer" data-testid="test-sync-customer" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="none">No customer (the workflow's own settings)</option>
        {usable.map((i) => <option key={i.id} value={i.id}>{i.customerName}</option>)}
      </select>
      <div className="field-hint">
        {usable.length === 0 && list.data ? 'No installed customer yet: install the integration for one to use their connections. ' : null}
        The customer&apos;s connections and settings are used; their watermarks are read, never moved.
      </div>
    </>
  );
}

/**
 * Test sync: a few records through the whole workflow, with writes shown and not sent. The
 * statement that nothing is written is the first thing the dialog says, not a footnote.
 */
export function TestSyncDialog(props: { customer: TestSyncCustomer; initial: string; onRun(r: TestSyncRequest): void; onClose(): void }) {
  const [text, setText] = useState(props.initial);
  const [limit, setLimit] = useState(String(DEFAULT_TEST_LIMIT));
  const [picked, setPicked] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = () => {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) {
      setError('The record limit is a whole number from 1 to 100,000.');
      return;
    }
    const parsed = text.trim() === '' ? { ok: true as const, value: {} } : parsePasted(text, 'The input');
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const input = parsed.value;
    const installationId = 'fixed' in props.customer ? props.customer.fixed.id : picked && picked !== 'none' ? picked : null;
    props.onRun({ input, text, limit: n, installationId });
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="test-sync-title" data-testid="test-sync-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onClose();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}>
        <h2 id="test-sync-title">Test sync{'fixed' in props.customer ? ` for ${props.customer.fixed.name}` : ''}</h2>
        <div className="banner banner-info test-sync-note" data-testid="test-sync-note">
          <b>Writes are not sent.</b> Records are read from the customer&apos;s account; every write is shown as the request it would
          make (method, URL, headers with credentials masked, body) and nothing is changed anywhere.
        </div>
        {'pick' in props.customer ? <CustomerPicker integrationId={props.customer.pick.integrationId} value={picked} onChange={setPicked} /> : null}
        <label htmlFor="test-sync-limit">Records to fetch</label>
        <input id="test-sync-limit" ref={first} type="number" min={1} max={100000} data-testid="test-sync-limit" value={limit}
          onChange={(e) => {
            setLimit(e.target.value);
            setError(null);
          }} />
        <div className="field-hint">Each fetch block reads at most this many records (a SuiteQL fetch asks NetSuite for only these rows).</div>
        <details className="test-sync-input">
          <summary>Input (JSON)</summary>
          <textarea aria-label="Input (JSON)" className="mono" rows={5} spellCheck={false} data-testid="test-sync-input" value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }} />
        </details>
        {error ? <div className="field-error" role="alert">{error}</div> : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="button" className="primary" data-testid="test-sync-run" onClick={submit}>Run test sync</button>
        </div>
      </div>
    </div>
  );
}
