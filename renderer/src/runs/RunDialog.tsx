import { useEffect, useRef, useState } from 'react';
import { parsePasted } from '../json/pasted';

/** Asks for the run's input as JSON; later blocks read it as `{{ trigger.input }}`. */
export function RunDialog(props: { initial: string; onRun(input: unknown, text: string): void; onClose(): void }) {
  const [text, setText] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const submit = () => {
    const input = text.trim() === '' ? { ok: true as const, value: {} } : parsePasted(text, 'The input');
    if (input.ok) props.onRun(input.value, text);
    else setError(input.message);
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="run-dialog-title" data-testid="run-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onClose();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}>
        <h2 id="run-dialog-title">Run workflow</h2>
        <label htmlFor="run-input">Input (JSON)</label>
        <textarea id="run-input" ref={area} className="mono" rows={10} spellCheck={false} data-testid="run-input" value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }} />
        <div className="field-hint">Later blocks read it as <code>{'{{ trigger.input }}'}</code>, e.g. <code>{'{{ trigger.input.orderId }}'}</code>.</div>
        {error ? <div className="field-error" role="alert" data-testid="run-input-error">{error}</div> : null}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="button" className="primary" data-testid="run-confirm" onClick={submit}>Run</button>
        </div>
      </div>
    </div>
  );
}
