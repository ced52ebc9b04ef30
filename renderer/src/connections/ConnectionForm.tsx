import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { fieldApplies } from '../../../engine/shared/connection-fields';
import { errorMessage } from '../client';
import { useClient } from '../client/context';
import { MASKED_SECRET, type Connection, type ConnectionKind, type KindSpec } from './api';

type TestResult = MethodResult<'connections.test'>;
type Value = string | number | null;

/**
 * Creates or edits a connection. Secret fields start empty with a "set" placeholder and are sent
 * only when the user types a new value, so the stored secret is never echoed back or replaced
 * by its mask.
 */
export function ConnectionForm(props: { existing: Connection | null; specs: readonly KindSpec[]; onSaved(c: Connection): void; onCancel(): void }) {
  const client = useClient();
  const { existing } = props;
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<ConnectionKind>(existing?.kind ?? 'netsuite');
  const [plain, setPlain] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(existing?.values ?? {})) if (v !== MASKED_SECRET && v !== null) out[k] = String(v);
    return out;
  });
  // Secrets the user typed in this form; anything else stays as stored.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const allFields = props.specs.find((s) => s.kind === kind)?.fields ?? [];
  // Fields of another auth mode are hidden and neither sent nor required.
  const fields = allFields.filter((f) => fieldApplies(f, allFields, plain));

  const values = (): Record<string, Value> => {
    const out: Record<string, Value> = {};
    for (const f of fields) {
      if (f.secret) {
        if (secrets[f.key]) out[f.key] = secrets[f.key] ?? '';
        continue;
      }
      const text = (plain[f.key] ?? '').trim();
      out[f.key] = f.type === 'number' ? (text === '' ? null : Number(text)) : text;
    }
    return out;
  };
  const missing = fields.filter((f) => f.required && (f.secret ? !secrets[f.key] && existing?.values[f.key] !== MASKED_SECRET : !(plain[f.key] ?? '').trim()));

  const save = () => {
    setBusy('save');
    setError(null);
    client
      .call('connections.save', { ...(existing ? { id: existing.id } : {}), name: name.trim(), kind, values: values(), installationId: existing?.installationId ?? null })
      .then(props.onSaved, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(null));
  };
  const runTest = () => {
    setBusy('test');
    setTest(null);
    setError(null);
    client
      .call('connections.test', { ...(existing ? { id: existing.id } : {}), kind, values: values() })
      .then(setTest, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(null));
  };

  return (
    <form className="card connection-form" data-testid="connection-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h2>{existing ? `Edit ${existing.name}` : 'New connection'}</h2>
      <div className="form-grid">
        <label htmlFor="conn-name">Name</label>
        <input id="conn-name" data-testid="connection-name" value={name} placeholder="Acme NetSuite sandbox" onChange={(e) => setName(e.target.value)} />
        <label htmlFor="conn-kind">Kind</label>
        <select id="conn-kind" data-testid="connection-kind" value={kind} disabled={existing !== null}
          onChange={(e) => setKind(props.specs.find((s) => s.kind === e.target.value)?.kind ?? kind)}>
          {props.specs.map((s) => <option key={s.kind} value={s.kind}>{s.label}</option>)}
        </select>
        {fields.map((f) => {
          const id = `conn-${f.key}`;
          const stored = existing?.values[f.key] === MASKED_SECRET;
          return (
            <div key={f.key} className="form-grid-row">
              <label htmlFor={id}>{f.label}{f.required ? ' *' : ''}</label>
              <div>
                {f.type === 'select' ? (
                  <select id={id} data-testid={`connection-field-${f.key}`} value={plain[f.key] ?? f.options?.[0]?.value ?? ''}
                    onChange={(e) => setPlain({ ...plain, [f.key]: e.target.value })}>
                    {(f.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                ) : f.secret && f.multiline ? (
                  // A PEM key needs its line breaks, which a password input drops.
                  <textarea id={id} className="mono secret-multiline" rows={6} spellCheck={false} autoComplete="off" data-testid={`connection-field-${f.key}`}
                    value={secrets[f.key] ?? ''} placeholder={stored ? `${MASKED_SECRET} (saved; paste to replace)` : '-----BEGIN PRIVATE KEY-----'}
                    onChange={(e) => setSecrets({ ...secrets, [f.key]: e.target.value })} />
                ) : f.secret ? (
                  <input id={id} type="password" autoComplete="new-password" data-testid={`connection-field-${f.key}`} value={secrets[f.key] ?? ''}
                    placeholder={stored ? `${MASKED_SECRET} (saved; type to replace)` : ''}
                    onChange={(e) => setSecrets({ ...secrets, [f.key]: e.target.value })} />
                ) : (
                  <input id={id} type={f.type === 'number' ? 'number' : 'text'} className={f.type === 'url' ? 'mono' : undefined}
                    data-testid={`connection-field-${f.key}`} value={plain[f.key] ?? ''} onChange={(e) => setPlain({ ...plain, [f.key]: e.target.value })} />
                )}
                {f.help ? <div className="field-hint">{f.help}</div> : null}
              </div>
            </div>
          );
        })}
      </div>
      {error ? <div className="banner banner-error" role="alert" data-testid="connection-error">{error}</div> : null}
      {test ? (
        <div className={`banner ${test.ok ? 'banner-info' : 'banner-error'}`} role="status" data-testid="connection-test-result">
          {test.ok ? '✓ ' : `✗ ${test.code ?? 'failed'}: `}{test.message}
        </div>
      ) : null}
      <div className="modal-actions">
        <button type="button" data-testid="connection-test" disabled={busy !== null} onClick={runTest}>{busy === 'test' ? 'Testing…' : 'Test connection'}</button>
        <span className="spacer" />
        <button type="button" onClick={props.onCancel}>Cancel</button>
        <button type="submit" className="primary" data-testid="connection-save" disabled={busy !== null || name.trim() === '' || missing.length > 0}
          title={missing.length > 0 ? `Fill in ${missing.map((f) => f.label).join(', ')}` : undefined}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
