import { useEffect, useState, type ReactNode } from 'react';
import { Field } from './fields';
import { parsePasted } from '../json/pasted';

// Inputs for structured config values: string maps (headers, query) and JSON templates.

type Pair = { readonly key: string; readonly value: string };

function toPairs(rec: Readonly<Record<string, string>>): Pair[] {
  return Object.entries(rec).map(([key, value]) => ({ key, value }));
}

function toRecord(pairs: readonly Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) if (p.key.trim() !== '') out[p.key] = p.value;
  return out;
}

/**
 * Rows of key/value pairs. Rows being edited live in local state (a row with an empty key is
 * not in the config yet), and the config receives only complete pairs.
 */
export function KeyValueField(props: {
  name: string;
  label: string;
  value: Readonly<Record<string, string>>;
  onChange(v: Record<string, string>): void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  errors?: readonly string[];
}) {
  const [rows, setRows] = useState<Pair[]>(() => toPairs(props.value));
  useEffect(() => {
    if (JSON.stringify(toRecord(rows)) !== JSON.stringify(props.value)) setRows(toPairs(props.value));
  }, [props.value]);
  const write = (next: Pair[]) => {
    setRows(next);
    props.onChange(toRecord(next));
  };
  return (
    <Field label={props.label} errors={props.errors}>
      {() => (
        <div className="kv" data-testid={`field-${props.name}`}>
          {rows.map((row, i) => (
            <div className="kv-row" key={i}>
              <input
                aria-label={`${props.label} name ${i + 1}`}
                className="mono"
                value={row.key}
                placeholder={props.keyPlaceholder ?? 'name'}
                onChange={(e) => write(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
              />
              <input
                aria-label={`${props.label} value ${i + 1}`}
                className="mono"
                value={row.value}
                placeholder={props.valuePlaceholder ?? 'value or {{ reference }}'}
                onChange={(e) => write(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              />
              <button type="button" className="icon-button" title="Remove" onClick={() => write(rows.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link-button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
            + Add {props.label.toLowerCase().replace(/s$/, '')}
          </button>
        </div>
      )}
    </Field>
  );
}

function pretty(v: unknown): string {
  return v === undefined || v === null ? '' : JSON.stringify(v, null, 2);
}

/**
 * A JSON value edited as text. Invalid JSON stays in the textarea with a message and is not
 * written, so a half-typed body never reaches the document. Empty text means `null`.
 */
export function JsonField(props: {
  name: string;
  label: string;
  value: unknown;
  onChange(v: unknown): void;
  hint?: ReactNode;
  rows?: number;
  errors?: readonly string[];
}) {
  const [text, setText] = useState(() => pretty(props.value));
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    const parsed = text.trim() === '' ? { ok: true as const, value: null } : parsePasted(text, props.label);
    if (!parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(props.value ?? null)) {
      setText(pretty(props.value));
      setParseError(null);
    }
  }, [props.value]);
  return (
    <Field label={props.label} hint={props.hint} errors={[...(parseError ? [parseError] : []), ...(props.errors ?? [])]}>
      {(id) => (
        <textarea
          id={id}
          className="mono"
          rows={props.rows ?? 6}
          spellCheck={false}
          data-testid={`field-${props.name}`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') {
              setParseError(null);
              props.onChange(null);
              return;
            }
            const parsed = parsePasted(e.target.value, props.label);
            if (parsed.ok) {
              setParseError(null);
              props.onChange(parsed.value);
            } else {
              setParseError(parsed.code === 'invalid_json' ? `Not valid JSON yet: ${parsed.detail}` : parsed.message);
            }
          }}
        />
      )}
    </Field>
  );
}
