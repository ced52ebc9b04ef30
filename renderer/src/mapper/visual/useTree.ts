import { useCallback, useMemo, useState } from 'react';
import { buildTree, flattenTree, type FieldInfo } from './fieldTree';
import type { ScrollView } from './Lines';

/** One tree's state: its fields folded into rows, which branches are folded, its filter and scroll. */
export function useTree(fields: readonly FieldInfo[]) {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [view, setView] = useState<ScrollView>({ top: 0, height: 400 });
  const root = useMemo(() => buildTree(fields), [fields]);
  const rows = useMemo(() => flattenTree(root, closed, filter), [root, closed, filter]);
  const index = useMemo(() => new Map(rows.map((r, i) => [r.path, i])), [rows]);
  const byPath = useMemo(() => new Map(fields.map((f) => [f.path, f])), [fields]);
  const toggle = useCallback((path: string) => {
    setClosed((c) => {
      const next = new Set(c);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);
  const onScroll = useCallback((top: number, height: number) => {
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, []);
  return { rows, index, byPath, filter, setFilter, toggle, view, onScroll };
}
