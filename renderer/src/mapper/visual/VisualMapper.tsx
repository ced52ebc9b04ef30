import { useCallback, useEffect, useMemo, useState } from 'react';
import { useClient } from '../../client/context';
import type { MappingRule } from '../rules';
import type { TransformInfo } from '../TransformPicker';
import { Coverage } from './Coverage';
import type { RuleState } from './diagnose';
import { FieldTree, type RowExtra } from './FieldTree';
import type { FieldInfo, TreeRow } from './fieldTree';
import { Lines } from './Lines';
import { dropBranch, dropSource, removeRule, removeSource, replaceRule, sourcesOf } from './ruleEdits';
import { RulePanel } from './RulePanel';
import { createScrollViews } from './scrollViews';
import { readSample, valueText } from './sampleValue';
import { SuggestPanel } from './SuggestPanel';
import { useSuggestions } from './useSuggestions';
import { useTree } from './useTree';

// The visual mapper: the source account's fields on the left, the target's on the right, each
// rule a line between them. Drag a source onto a target (or click one, then the other) to map;
// click a line or a mapped target for its side panel. Every edit goes through `apply`, which
// feeds undo.

const GUTTER = 150;

export function VisualMapper(props: {
  rules: readonly MappingRule[];
  apply(rules: MappingRule[], typing?: string): void;
  sources: readonly FieldInfo[];
  targets: readonly FieldInfo[];
  states: ReadonlyMap<string, RuleState>;
  record: unknown;
  sample: unknown;
  transforms: readonly TransformInfo[];
  sourceTitle: React.ReactNode;
  targetTitle: React.ReactNode;
  sourceStatus?: React.ReactNode;
  targetStatus?: React.ReactNode;
  toolbar?: React.ReactNode;
}) {
  const client = useClient();
  const { rules, apply } = props;
  const left = useTree(props.sources);
  const right = useTree(props.targets);
  const [views] = useState(createScrollViews);
  const onSourceScroll = useCallback((top: number, height: number) => views.set('source', top, height), [views]);
  const onTargetScroll = useCallback((top: number, height: number) => views.set('target', top, height), [views]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const suggest = useSuggestions(client, rules, props.targets, props.sources, props.sample);
  const selected = rules.find((r) => r.id === selectedId) ?? null;
  const byTarget = useMemo(() => new Map(rules.map((r) => [r.target, r])), [rules]);
  const failing = useMemo(() => new Set([...props.states].filter(([, s]) => s.problems.length > 0).map(([id]) => id)), [props.states]);
  const failingTargets = useMemo(() => new Set(rules.filter((r) => failing.has(r.id)).map((r) => r.target)), [rules, failing]);
  const usedSources = useMemo(() => new Set(rules.flatMap(sourcesOf)), [rules]);
  const selectedSources = useMemo(() => new Set(selected ? sourcesOf(selected) : []), [selected]);
  const selectedTargets = useMemo(() => new Set(selected ? [selected.target] : []), [selected]);

  const [notice, setNotice] = useState<string | null>(null);
  const drop = useCallback((source: string, target: string) => {
    setPicked(null);
    setNotice(null);
    const isBranch = (rows: typeof left.rows, path: string) => rows.some((r) => r.path === path && !r.leaf);
    if (isBranch(left.rows, source) && isBranch(right.rows, target)) {
      const res = dropBranch(rules, source, target, props.sources.map((f) => f.path), props.targets);
      if (res.added === 0) {
        setNotice(`No field under ${source} has the name of an unmapped field under ${target}: drag the fields one by one.`);
        return;
      }
      apply(res.rules);
      setSelectedId(res.ruleId);
      setNotice(`Mapped ${res.added} field${res.added === 1 ? '' : 's'} of ${target} by name.`);
      return;
    }
    const res = dropSource(rules, source, target, right.byPath.get(target)?.type);
    apply(res.rules);
    setSelectedId(res.ruleId);
  }, [rules, apply, right.byPath, right.rows, left.rows, props.sources, props.targets]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return;
      if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId) {
        e.preventDefault();
        apply(removeRule(rules, selectedId));
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rules, apply, selectedId]);

  const required = props.targets.filter((t) => t.required);
  const sampledSources = props.sources.filter((s) => s.sampled || s.label);
  const record = props.record;
  const sourceExtra = useCallback((row: TreeRow): RowExtra | null => (row.leaf ? { kind: 'value', text: valueText(readSample(record, row.path)) } : null), [record]);
  const suggestedBy = useMemo(() => new Map(suggest.open.map((s) => [s.target, s])), [suggest.open]);
  const states = props.states;
  const targetExtra = useCallback((row: TreeRow): RowExtra | null => {
    const rule = byTarget.get(row.path);
    if (!rule) {
      const sg = suggestedBy.get(row.path);
      return sg ? { kind: 'suggested', text: `suggested ${Math.round(sg.best.score * 100)}%` } : null;
    }
    const st = states.get(rule.id);
    if (st && st.problems.length > 0) return { kind: 'problem', text: st.problems[0] ?? '', title: st.problems.join('\n') };
    return { kind: 'live', text: st?.hasValue ? valueText(st.value) : '' };
  }, [byTarget, suggestedBy, states]);

  return (
    <div className="visual-mapper" data-testid="visual-mapper">
      <div className="visual-toolbar">
        <Coverage requiredMapped={required.filter((t) => byTarget.has(t.path)).length} requiredTotal={required.length}
          sourcesUsed={sampledSources.filter((s) => usedSources.has(s.path)).length} sourcesTotal={sampledSources.length} problems={failing.size} />
        {props.toolbar}
      </div>
      <div className="visual-body" style={{ gridTemplateColumns: `minmax(0,1fr) ${GUTTER}px minmax(0,1fr) 320px` }}>
        <FieldTree side="source" rows={left.rows} filter={left.filter} onFilter={left.setFilter} onToggle={left.toggle} onScroll={onSourceScroll}
          title={props.sourceTitle} status={props.sourceStatus} selected={selectedSources} picked={picked}
          onPick={(row) => setPicked((p) => (p === row.path ? null : row.path))} extraOf={sourceExtra} />
        <div className="map-gutter">
          <div className="map-gutter-head" />
          <div className="map-gutter-body">
            <Lines width={GUTTER} rules={rules} failing={failing} selectedId={selectedId} sourceIndex={left.index} targetIndex={right.index}
              views={views} onSelect={setSelectedId}
              suggestions={suggest.open.map((s) => ({ target: s.target, source: s.best.source, score: s.best.score }))} />
          </div>
        </div>
        <FieldTree side="target" rows={right.rows} filter={right.filter} onFilter={right.setFilter} onToggle={right.toggle} onScroll={onTargetScroll}
          title={props.targetTitle} status={props.targetStatus} selected={selectedTargets} errors={failingTargets}
          onDropSource={drop} extraOf={targetExtra}
          onPick={(row) => {
            if (picked) drop(picked, row.path);
            else setSelectedId(byTarget.get(row.path)?.id ?? null);
          }} />
        <aside className="mapper-side">
          {notice ? <div className="banner banner-info" role="status" data-testid="mapper-notice">{notice}</div> : null}
          {picked ? <div className="banner banner-info" data-testid="picked-source">Now click the target field for <code>{picked}</code>.</div> : null}
          {selected ? (
            <RulePanel rule={selected} state={props.states.get(selected.id)} label={right.byPath.get(selected.target)?.label} transforms={props.transforms}
              onChange={(r, typing) => apply(replaceRule(rules, r), typing && `${r.id}:${typing}`)}
              onRemoveSource={(s) => {
                const next = removeSource(rules, selected.id, s);
                apply(next);
                if (!next.some((r) => r.id === selected.id)) setSelectedId(null);
              }}
              onDelete={() => {
                apply(removeRule(rules, selected.id));
                setSelectedId(null);
              }}
              onClose={() => setSelectedId(null)} />
          ) : (
            <p className="form-note">Drag a field from the left onto a field on the right to map it, or click one and then the other. Click a line to edit its rule.</p>
          )}
          <SuggestPanel open={suggest.open} busy={suggest.busy} error={suggest.error} canAsk={suggest.canAsk} asked={suggest.asked} onAsk={suggest.ask}
            onDismiss={suggest.dismiss}
            onAccept={(list) => {
              let next = [...rules];
              for (const s of list) next = dropSource(next, s.best.source, s.target, right.byPath.get(s.target)?.type).rules;
              apply(next);
            }} />
        </aside>
      </div>
    </div>
  );
}
