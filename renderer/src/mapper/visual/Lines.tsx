import { memo, type ReactElement } from 'react';
import type { MappingRule } from '../rules';
import { ROW_HEIGHT } from './FieldTree';
import { rowIndexOf } from './fieldTree';
import { sourcesOf } from './ruleEdits';
import { useScrollViews, type ScrollViewStore } from './scrollViews';

// The gutter between the trees: one curve per rule source (red when the rule has a problem),
// dashed curves for suggestions. Ends scrolled out of view are pinned to the gutter's edge with a
// short stub, so a line never points at nothing.

export interface Suggested {
  readonly target: string;
  readonly source: string;
  readonly score: number;
}

export interface ScrollView {
  readonly top: number;
  readonly height: number;
}

interface Props {
  readonly width: number;
  readonly rules: readonly MappingRule[];
  readonly failing: ReadonlySet<string>;
  readonly selectedId: string | null;
  readonly suggestions: readonly Suggested[];
  readonly sourceIndex: ReadonlyMap<string, number>;
  readonly targetIndex: ReadonlyMap<string, number>;
  readonly views: ScrollViewStore;
  onSelect(ruleId: string): void;
}

function yFor(index: number | undefined, view: ScrollView): number | null {
  if (index === undefined) return null;
  const y = index * ROW_HEIGHT + ROW_HEIGHT / 2 - view.top;
  return Math.max(2, Math.min(view.height - 2, y));
}

function curve(w: number, y1: number, y2: number): string {
  const c = w * 0.45;
  return `M0,${y1} C${c},${y1} ${w - c},${y2} ${w},${y2}`;
}

function visible(y: number | null, view: ScrollView): boolean {
  return y !== null && y > 2 && y < view.height - 2;
}

export const Lines = memo(function Lines(props: Props) {
  const { width: w } = props;
  const { source, target } = useScrollViews(props.views);
  const height = Math.max(source.height, target.height);
  const drawn: ReactElement[] = [];
  for (const rule of props.rules) {
    const ty = yFor(rowIndexOf(props.targetIndex, rule.target), target);
    if (ty === null) continue;
    for (const s of sourcesOf(rule)) {
      const sy = yFor(rowIndexOf(props.sourceIndex, s), source);
      if (sy === null) continue;
      // Lines with both ends out of view add nothing but cost; skip them.
      if (!visible(sy, source) && !visible(ty, target)) continue;
      const cls = ['map-line', props.failing.has(rule.id) ? 'error' : '', props.selectedId === rule.id ? 'selected' : ''].join(' ');
      drawn.push(
        <g key={`${rule.id}:${s}`} className={cls} data-testid={`line-${rule.target}`} data-source={s} onClick={() => props.onSelect(rule.id)}>
          <title>{`${s} → ${rule.target}`}</title>
          <path className="map-line-hit" d={curve(w, sy, ty)} />
          <path className="map-line-stroke" d={curve(w, sy, ty)} />
        </g>,
      );
    }
  }
  for (const sg of props.suggestions) {
    const ty = yFor(rowIndexOf(props.targetIndex, sg.target), target);
    const sy = yFor(rowIndexOf(props.sourceIndex, sg.source), source);
    if (ty === null || sy === null || (!visible(sy, source) && !visible(ty, target))) continue;
    drawn.push(
      <g key={`sg:${sg.target}`} className="map-line suggested" data-testid={`suggested-line-${sg.target}`}>
        <title>{`Suggested: ${sg.source} → ${sg.target}`}</title>
        <path className="map-line-stroke" d={curve(w, sy, ty)} />
        <text x={w / 2} y={(sy + ty) / 2 - 3} textAnchor="middle">{Math.round(sg.score * 100)}%</text>
      </g>,
    );
  }
  return (
    <svg className="map-lines" width={w} height={height} data-testid="map-lines" aria-label="Rules as lines">
      {drawn}
    </svg>
  );
});
