import { useEffect, useState } from 'react';
import type { InstallationRecord } from '../../../engine/api/methods/installations';
import { useClient } from '../client/context';
import { parseLooseJson, toLooseJson } from './format';
import { useAction } from './useLoad';
import { refusedJson } from '../json/pasted';

type Row = { readonly key: string; readonly value: string };

function toRows(config: Readonly<Record<string, unknown>>): Row[] {
  return Object.entries(config).map(([key, v]) => ({ key, value: toLooseJson(v) }));
}

/**
 * Per-installation values that workflows read as `{{ installation.config.<key> }}`. `managedBy`: on
 * a server, the desktop that published this installation and sets its values.
 */
export function ConfigSection(props: { installation: InstallationRecord; managedBy?: string | null; onSaved(r: InstallationRecord): void }) {
  const client = useClient();
  const action = useAction();
  const [rows, setRows] = useState<Row[]>(() => toRows(props.installation.config));
  const [dirty, setDirty] = useState(false);
  const saved = props.installation.config;
  useEffect(() => {
    if (!dirty) setRows(toRows(saved));
  }, [saved, dirty]);

  const write = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const keys = rows.map((r) => r.key.trim()).filter((k) => k !== '');
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  const refused = rows.map((r) => (r.key.trim() === '' ? null : refusedJson(r.value.trim(), `The value of “${r.key.trim()}”`))).find((m) => m !== null) ?? null;
  const save = () => {
    const config: Record<string, unknown> = {};
    for (const r of rows) if (r.key.trim() !== '') config[r.key.trim()] = parseLooseJson(r.value);
    void action.run(() => client.call('installations.setConfig', { id: props.installation.id, config })).then((r) => {
      if (!r) return;
      setDirty(false);
      props.onSaved(r);
    });
  };

  return (
    <section className="card" aria-labelledby="config-title" data-testid="config-section">
      <h2 id="config-title">Config values</h2>
      <p className="form-note">
        Workflows read these as <code>{'{{ installation.config.key }}'}</code>. Values are JSON when they parse as JSON (numbers, true, objects),
        text otherwise.
      </p>
      <div className="kv">
        {rows.map((r, i) => (
          <div className="kv-row" key={i}>
            <input aria-label={`Config key ${i + 1}`} className="mono" placeholder="key" value={r.key}
              onChange={(e) => write(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
            <input aria-label={`Config value ${i + 1}`} className="mono" placeholder="value" value={r.value}
              onChange={(e) => write(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
            <button type="button" className="icon-button" title="Remove" onClick={() => write(rows.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
        <button type="button" className="small" data-testid="add-config" onClick={() => write([...rows, { key: '', value: '' }])}>+ Value</button>
      </div>
      {duplicate ? <div className="field-error" role="alert">The key “{duplicate}” appears twice.</div> : null}
      {refused ? <div className="field-error" role="alert" data-testid="config-value-error">{refused}</div> : null}
      {action.error ? <div className="field-error" role="alert">{action.error}</div> : null}
      <div className="card-actions">
        {dirty ? <span className="save-state dirty">Unsaved changes</span> : null}
        <button type="button" data-testid="save-config" disabled={!dirty || action.busy || duplicate !== undefined || refused !== null || Boolean(props.managedBy)}
          title={props.managedBy ? `Managed on ${props.managedBy}, which published this installation: change it there and publish again` : undefined} onClick={save}>Save config</button>
      </div>
    </section>
  );
}
