import { useEffect, useState } from 'react';

/**
 * A text cell whose text must parse before it is written (a transform chain, a JSON default).
 * Text that does not parse stays in the cell with its message and never reaches the document;
 * an outside change (undo, import) replaces the text unless it means the same value.
 */
export function DraftInput(props: {
  label: string;
  value: string;
  /** The canonical text of what `text` means, or an error message. */
  normalize(text: string): { ok: true; text: string } | { ok: false; error: string };
  onCommit(text: string): void;
  placeholder?: string;
  list?: string;
  testId?: string;
}) {
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const mine = props.normalize(text);
    if (!mine.ok || mine.text !== props.value) {
      setText(props.value);
      setError(null);
    }
    // Only an outside change of the value resets the cell, not our own typing.
  }, [props.value]);
  return (
    <div className="draft-input">
      <input
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        className={`mono${error ? ' invalid' : ''}`}
        value={text}
        placeholder={props.placeholder}
        list={props.list}
        spellCheck={false}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          const n = props.normalize(e.target.value);
          if (n.ok) {
            setError(null);
            props.onCommit(e.target.value);
          } else setError(n.error);
        }}
      />
      {error ? <div className="cell-error" role="alert">{error}</div> : null}
    </div>
  );
}
