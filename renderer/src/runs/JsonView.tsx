// A collapsible, read-only view of a JSON value. Native <details> elements keep it keyboard
// accessible and need no script to toggle.

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
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {label}
        <span className="json-null">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <details className="json-node" open={depth < openDepth}>
      <summary>
        {label}
        <span className="json-summary">{summary(value)}</span>
      </summary>
      <div className="json-children">
        {entries.map(([k, v]) => (
          <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
        ))}
      </div>
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
