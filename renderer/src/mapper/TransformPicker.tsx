export interface TransformInfo {
  readonly name: string;
  readonly kind: string;
  readonly signature: string;
  readonly summary: string;
  readonly output: string;
}

/**
 * The text a picked transform adds to a chain: its name, with the first choice filled in where
 * the signature offers a fixed set (`splitName(first|middle|last)` → `splitName(first)`), and
 * empty parentheses where an argument is required, so the cell shows what is still missing.
 */
export function stepText(t: TransformInfo): string {
  const m = /\(([^)]*)\)/.exec(t.signature);
  const inner = m?.[1]?.trim() ?? '';
  if (!inner) return t.name;
  const first = inner.split(',')[0]?.trim() ?? '';
  if (first.endsWith('?')) return t.name;
  if (/^[A-Za-z]+(\|[A-Za-z]+)+$/.test(first)) return `${t.name}(${first.split('|')[0]})`;
  return `${t.name}()`;
}

/** A compact "+ transform" menu listing the engine's transform catalogue. */
export function TransformPicker(props: { label: string; transforms: readonly TransformInfo[]; onPick(step: string): void }) {
  if (props.transforms.length === 0) return null;
  return (
    <select className="transform-picker" aria-label={props.label} title="Add a transform" value=""
      onChange={(e) => {
        const t = props.transforms.find((x) => x.name === e.target.value);
        if (t) props.onPick(stepText(t));
      }}>
      <option value="">+</option>
      {props.transforms.map((t) => (
        <option key={t.name} value={t.name} title={t.summary}>{`${t.signature} — ${t.summary}`}</option>
      ))}
    </select>
  );
}
