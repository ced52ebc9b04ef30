import { useState } from 'react';

// A JSON Schema or OpenAPI document pasted for the target tree, when no connection serves one.
// A document that does not read leaves the current target fields as they are and says why.

export function SchemaInput(props: { onUse(text: string): Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return <button type="button" className="small link" data-testid="schema-paste" onClick={() => setOpen(true)}>Use a schema…</button>;
  }
  return (
    <div className="schema-input" data-testid="schema-input">
      <textarea className="mono" rows={5} aria-label="Target schema" data-testid="schema-text" value={text} placeholder="A JSON Schema or OpenAPI document"
        onChange={(e) => setText(e.target.value)} />
      <div className="candidate">
        <button type="button" className="small primary" data-testid="schema-use" disabled={busy || text.trim() === ''} onClick={() => {
          setBusy(true);
          void props.onUse(text).then((err) => {
            setBusy(false);
            setError(err);
            if (!err) setOpen(false);
          });
        }}>Use schema</button>
        <button type="button" className="small" onClick={() => setOpen(false)}>Cancel</button>
      </div>
      {error ? <div className="field-error" role="alert" data-testid="schema-error">{error} The target fields shown before are kept.</div> : null}
    </div>
  );
}
