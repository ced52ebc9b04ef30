import { useEffect, useId, useState, type ReactNode } from 'react';

// Small controlled inputs shared by the block forms. Every input carries a data-testid derived
// from its field name (`field-<name>`) so tests and forms agree without extra wiring.

export function Field(props: { label: string; hint?: ReactNode; errors?: readonly string[]; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`field${props.errors && props.errors.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
      {props.errors?.map((e) => (
        <div key={e} className="field-error" role="alert">
          {e}
        </div>
      ))}
    </div>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; errors?: readonly string[] };

export function TextField(props: Common & { value: string; onChange(v: string): void; placeholder?: string; mono?: boolean }) {
  return (
    <Field label={props.label} hint={props.hint} errors={props.errors}>
      {(id) => (
        <input
          id={id}
          className={props.mono ? 'mono' : undefined}
          data-testid={`field-${props.name}`}
          value={props.value}
          placeholder={props.placeholder}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextArea(props: Common & { value: string; onChange(v: string): void; rows?: number; placeholder?: string }) {
  return (
    <Field label={props.label} hint={props.hint} errors={props.errors}>
      {(id) => (
        <textarea
          id={id}
          className="mono"
          rows={props.rows ?? 4}
          data-testid={`field-${props.name}`}
          value={props.value}
          placeholder={props.placeholder}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>(
  props: Common & { value: T; options: readonly (T | { value: T; label: string })[]; onChange(v: T): void },
) {
  return (
    <Field label={props.label} hint={props.hint} errors={props.errors}>
      {(id) => (
        <select
          id={id}
          data-testid={`field-${props.name}`}
          value={props.value}
          onChange={(e) => {
            const picked = props.options.map((o) => (typeof o === 'string' ? o : o.value)).find((v) => v === e.target.value);
            if (picked !== undefined) props.onChange(picked);
          }}
        >
          {props.options.map((o) => {
            const value = typeof o === 'string' ? o : o.value;
            return (
              <option key={value} value={value}>
                {typeof o === 'string' ? o : o.label}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}

/** A number input that lets the user clear it while typing; only valid numbers are written. */
export function NumberField(props: Common & { value: number; onChange(v: number): void; min?: number; max?: number; step?: number }) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => {
    if (Number(text) !== props.value) setText(String(props.value));
    // Only an outside change (undo, another block) resets the text, not our own typing.
  }, [props.value]);
  const n = Number(text);
  const outOfRange = text.trim() === '' || !Number.isFinite(n) || (props.min !== undefined && n < props.min) || (props.max !== undefined && n > props.max);
  const local = outOfRange ? [`Enter a number${props.min !== undefined ? ` from ${props.min}` : ''}${props.max !== undefined ? ` to ${props.max}` : ''}.`] : [];
  return (
    <Field label={props.label} hint={props.hint} errors={[...local, ...(props.errors ?? [])]}>
      {(id) => (
        <input
          id={id}
          type="number"
          data-testid={`field-${props.name}`}
          value={text}
          min={props.min}
          max={props.max}
          step={props.step}
          onChange={(e) => {
            setText(e.target.value);
            const v = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(v)) props.onChange(v);
          }}
        />
      )}
    </Field>
  );
}
