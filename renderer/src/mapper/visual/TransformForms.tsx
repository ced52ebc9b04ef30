import type { ChainArg, ChainStep } from '../../../../engine/shared/chain';
import { looseJson } from '../rules';

// One small form per transform, so an analyst sets "which part of the name" or "from which date
// format" by picking, not by writing `splitName("first")`. Arguments are written as the engine's
// transform catalogue defines them.

type Args = readonly ChainArg[];

function text(v: ChainArg | undefined): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

function Labeled(props: { label: string; children: React.ReactNode }) {
  return <label className="tf-field"><span>{props.label}</span>{props.children}</label>;
}

function LookupTable(props: { args: Args; onArgs(args: ChainArg[]): void }) {
  const table = (typeof props.args[0] === 'object' && props.args[0] !== null && !Array.isArray(props.args[0]) ? props.args[0] : {}) as Record<string, ChainArg>;
  const rows = Object.entries(table);
  const write = (next: [string, ChainArg][]) => props.onArgs([Object.fromEntries(next), ...props.args.slice(1)]);
  return (
    <div className="tf-lookup">
      <table>
        <thead><tr><th>Value</th><th>Becomes</th><th /></tr></thead>
        <tbody>
          {rows.map(([k, v], i) => (
            <tr key={i}>
              <td><input aria-label={`Lookup value ${i + 1}`} value={k} onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))} /></td>
              <td><input aria-label={`Lookup result ${i + 1}`} value={text(v)} onChange={(e) => write(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))} /></td>
              <td><button type="button" className="small" aria-label={`Remove lookup row ${i + 1}`} onClick={() => write(rows.filter((_r, j) => j !== i))}>×</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => write([...rows, [`value ${rows.length + 1}`, '']])}>Add row</button>
      <Labeled label="Otherwise">
        <input aria-label="Lookup default" placeholder="(an error)" value={text(props.args[1])}
          onChange={(e) => props.onArgs(e.target.value === '' ? [table] : [table, e.target.value, ...props.args.slice(2)])} />
      </Labeled>
    </div>
  );
}

export function TransformForm(props: { step: ChainStep; onArgs(args: ChainArg[]): void }) {
  const { step, onArgs } = props;
  const a = step.args;
  switch (step.name) {
    case 'splitName':
      return (
        <Labeled label="Part">
          <select aria-label="Name part" data-testid="tf-splitname-part" value={text(a[0]) || 'first'} onChange={(e) => onArgs([e.target.value])}>
            <option value="first">First name</option>
            <option value="middle">Middle name</option>
            <option value="last">Last name</option>
          </select>
        </Labeled>
      );
    case 'date':
      return (
        <>
          <Labeled label="Read as"><input aria-label="Date read format" placeholder="iso, or e.g. M/D/YYYY" value={text(a[0])} onChange={(e) => onArgs([e.target.value || 'iso', a[1] ?? 'YYYY-MM-DD'])} /></Labeled>
          <Labeled label="Write as"><input aria-label="Date write format" placeholder="YYYY-MM-DD" value={text(a[1])} onChange={(e) => onArgs([a[0] ?? 'iso', e.target.value || 'YYYY-MM-DD'])} /></Labeled>
        </>
      );
    case 'lookup':
      return <LookupTable args={a} onArgs={onArgs} />;
    case 'split':
      return (
        <>
          <Labeled label="Separator"><input aria-label="Split separator" value={text(a[0])} onChange={(e) => onArgs([e.target.value, ...a.slice(1)])} /></Labeled>
          <Labeled label="Keep part no."><input aria-label="Split part" type="number" min={0} value={text(a[1])} onChange={(e) => onArgs(e.target.value === '' ? [a[0] ?? ','] : [a[0] ?? ',', Number(e.target.value)])} /></Labeled>
        </>
      );
    case 'round':
      return <Labeled label="Decimals"><input aria-label="Decimals" type="number" min={0} max={10} value={text(a[0])} onChange={(e) => onArgs(e.target.value === '' ? [] : [Number(e.target.value)])} /></Labeled>;
    case 'join':
    case 'concat':
      return <Labeled label="Separator"><input aria-label="Separator" value={text(a[0])} onChange={(e) => onArgs([e.target.value])} /></Labeled>;
    case 'template':
      return <Labeled label="Text"><input aria-label="Template text" placeholder="{0} {1}" value={text(a[0])} onChange={(e) => onArgs([e.target.value])} /></Labeled>;
    case 'default':
    case 'constant':
      return <Labeled label="Value"><input aria-label={`${step.name} value`} value={text(a[0])} onChange={(e) => onArgs([looseJson(e.target.value) as ChainArg])} /></Labeled>;
    default:
      return null;
  }
}

/** Arguments a newly added transform starts with, so it is valid at once. */
export function initialArgs(name: string): ChainArg[] {
  switch (name) {
    case 'splitName':
      return ['first'];
    case 'date':
      return ['iso', 'YYYY-MM-DD'];
    case 'lookup':
      return [{}, ''];
    case 'split':
      return [',', 0];
    case 'join':
    case 'concat':
      return [' '];
    case 'template':
      return ['{0} {1}'];
    case 'default':
      return [''];
    case 'constant':
      return [''];
    default:
      return [];
  }
}
