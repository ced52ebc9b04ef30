import { useState, type ReactNode } from 'react';

// A collapsible, read-only view of a JSON value. Native <details> elements keep it keyboard
// accessible. Children render only while open, and long arrays or objects show a page at a time,
// so a step that returned 10,000 records does not freeze the panel.

const PAGE = 100;

type Json = unknown;

function isContainer(v: Json): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function summary(v: Record<string, unknown> | unknown[]): string {
  if (Array.isArray(v)) return `[ ${v.length} item${v.length === 1 ? '' : 's'} ]`;
  const n = Object.keys(v).length;
  return `{ ${n} key${n === 1 ? '' : 's'} }`;
}

function Primitive({ value }: { value: Json }) {
  if (value === null) return <span className="json-null">null</span>;
  if (value === undefined) return <span className="json-null">undefined</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name: string | null; value: Json; depth: number; openDepth: number }) {
  const label = name === null ? null : <span className="json-key">{name}: </span>;
  if (!isContainer(value)) {
    return (
      <div className="json-line">
        {label}
        <Primitive value={value} />
      </div>
    );
  }
  return <Container label={label} value={value} depth={depth} openDepth={openDepth} />;
}

function Container(props: { label: ReactNode; value: Record<string, unknown> | unknown[]; depth: number; openDepth: number }) {
  const { label, value, depth, openDepth } = props;
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(PAGE);
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (size === 0) {
    return (
      <div className="json-line">
        {label}
        <span className="json-null">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <details className="json-node" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {label}
        <span className="json-summary">{summary(value)}</span>
      </summary>
      {open ? (
        <div className="json-children">
          {(Array.isArray(value) ? value.slice(0, shown).map((v, i): [string, unknown] => [String(i), v]) : Object.entries(value).slice(0, shown)).map(
            ([k, v]) => (
              <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
            ),
          )}
          {size > shown ? (
            <button type="button" className="link-button" onClick={() => setShown(shown + PAGE * 10)}>
              Show more ({size - shown} not shown)
            </button>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}

export function JsonView({ value, openDepth = 2, testId }: { value: Json; openDepth?: number; testId?: string }) {
  return (
    <div className="json-view mono" data-testid={testId}>
      <Node name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
