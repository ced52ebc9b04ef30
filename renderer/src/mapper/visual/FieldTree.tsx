import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TreeRow } from './fieldTree';

// One side of the mapper: a virtual list of field rows (only the rows in view are in the DOM, so a
// 2,000-field account scrolls like a 20-field one). Source rows are dragged; target rows take drops.

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;
export const DRAG_TYPE = 'application/x-patchbay-field';

export interface RowExtra {
  readonly text: string;
  readonly kind: 'value' | 'live' | 'problem' | 'suggested';
  readonly title?: string | undefined;
}

function Extra(props: { path: string; text: string; kind: RowExtra['kind'] | ''; title: string }) {
  switch (props.kind) {
    case 'problem':
      return <span className="tree-problem" role="alert" title={props.title} data-testid={`problem-${props.path}`}>{props.text}</span>;
    case 'live':
      return <span className="tree-value live" data-testid={`value-${props.path}`}>{props.text}</span>;
    case 'suggested':
      return <span className="tree-suggested">{props.text}</span>;
    case 'value':
      return <span className="tree-value">{props.text}</span>;
    default:
      return null;
  }
}

export interface FieldTreeProps {
  readonly side: 'source' | 'target';
  readonly rows: readonly TreeRow[];
  readonly filter: string;
  onFilter(text: string): void;
  onToggle(path: string): void;
  onScroll(top: number, height: number): void;
  /** The field under the pointer while dragging over a target row. */
  onDropSource?(source: string, target: string): void;
  onPick?(row: TreeRow): void;
  readonly picked?: string | null;
  readonly selected?: ReadonlySet<string>;
  readonly errors?: ReadonlySet<string>;
  /** The value column: primitives, so a row that did not change is not re-rendered while scrolling. */
  extraOf(row: TreeRow): RowExtra | null;
  readonly title: ReactNode;
  readonly status?: ReactNode;
}

const Row = memo(function Row(props: { row: TreeRow; top: number; side: 'source' | 'target'; selected: boolean; error: boolean; picked: boolean;
  extraText: string; extraKind: RowExtra['kind'] | ''; extraTitle: string;
  onToggle(path: string): void; onDropSource?(source: string, target: string): void; onPick?(row: TreeRow): void }) {
  const { row, side } = props;
  const [over, setOver] = useState(false);
  const f = row.field;
  const cls = ['tree-row', row.leaf ? 'leaf' : 'branch', props.selected ? 'selected' : '', props.error ? 'error' : '', over ? 'drop-over' : '', props.picked ? 'picked' : ''].join(' ');
  return (
    <div className={cls} style={{ top: props.top, paddingLeft: 6 + row.depth * 14 }} role="treeitem" aria-level={row.depth + 1}
      aria-expanded={row.leaf ? undefined : row.open} aria-selected={props.selected} data-path={row.path} data-testid={`${side}-field-${row.path}`}
      draggable={side === 'source'}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, row.path);
        e.dataTransfer.setData('text/plain', row.path);
        e.dataTransfer.effectAllowed = 'link';
      }}
      onDragOver={side === 'target' ? (e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'link';
        if (!over) setOver(true);
      } : undefined}
      onDragLeave={side === 'target' ? () => setOver(false) : undefined}
      onDrop={side === 'target' ? (e) => {
        e.preventDefault();
        setOver(false);
        const source = e.dataTransfer.getData(DRAG_TYPE);
        if (source) props.onDropSource?.(source, row.path);
      } : undefined}
      tabIndex={0}
      onKeyDown={(e) => {
        // Keyboard mapping: Enter picks a source, then Enter on a target maps it.
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onPick?.(row);
        } else if (!row.leaf && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && row.open === (e.key === 'ArrowLeft')) props.onToggle(row.path);
      }}
      onClick={() => props.onPick?.(row)}>
      {row.leaf ? <span className="tree-twisty" /> : (
        <button type="button" className="tree-twisty" aria-label={row.open ? `Fold ${row.name}` : `Unfold ${row.name}`}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle(row.path);
          }}>{row.open ? '▾' : '▸'}</button>
      )}
      <span className="tree-name" title={`${row.path}${f?.type ? ` · ${f.type}` : ''}${f?.options?.length ? ` · values: ${f.options.slice(0, 20).join(', ')}` : ''}`}>
        {f?.label && f.label !== row.name ? <><span className="tree-label">{f.label}</span> <code className="tree-id">{row.name}</code></> : <code>{row.name}</code>}
        {f?.required ? <span className="tree-required" title="Required">*</span> : null}
        {f?.custom ? <span className="tree-badge" title="A custom field of this account">custom</span> : null}
      </span>
      <span className="tree-extra"><Extra path={row.path} text={props.extraText} kind={props.extraKind} title={props.extraTitle} /></span>
    </div>
  );
});

export function FieldTree(props: FieldTreeProps) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const onScroll = props.onScroll;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      setView({ top: el.scrollTop, height: el.clientHeight });
      onScroll(el.scrollTop, el.clientHeight);
    };
    measure();
    // jsdom has no ResizeObserver; the first measure is then all there is.
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [onScroll]);
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(props.rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const shown = props.rows.slice(first, last);
  return (
    <section className={`field-tree field-tree-${props.side}`} data-testid={`${props.side}-tree`}>
      <header className="field-tree-head">
        <div className="field-tree-top"><div className="field-tree-title">{props.title}</div>{props.status}</div>
        <input type="search" className="field-tree-filter" aria-label={`Filter ${props.side} fields`} placeholder="Filter by name or label"
          data-testid={`${props.side}-filter`} value={props.filter} onChange={(e) => props.onFilter(e.target.value)} />
      </header>
      <div ref={box} className="field-tree-scroll" role="tree" aria-label={`${props.side} fields`} data-testid={`${props.side}-scroll`}
        onScroll={(e) => {
          const el = e.currentTarget;
          setView({ top: el.scrollTop, height: el.clientHeight });
          onScroll(el.scrollTop, el.clientHeight);
        }}>
        <div className="field-tree-space" style={{ height: props.rows.length * ROW_HEIGHT }}>
          {shown.map((row, i) => {
            const extra = props.extraOf(row);
            return (
            <Row key={row.path} row={row} top={(first + i) * ROW_HEIGHT} side={props.side} selected={props.selected?.has(row.path) ?? false}
              error={props.errors?.has(row.path) ?? false} picked={props.picked === row.path}
              extraText={extra?.text ?? ''} extraKind={extra?.kind ?? ''} extraTitle={extra?.title ?? ''}
              onToggle={props.onToggle} onDropSource={props.onDropSource} onPick={props.onPick} />
            );
          })}
        </div>
        {props.rows.length === 0 ? <p className="form-note field-tree-empty">No fields{props.filter ? ' match the filter' : ''}.</p> : null}
      </div>
    </section>
  );
}
