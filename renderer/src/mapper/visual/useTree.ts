import { useCallback, useMemo, useState } from 'react';
import { buildTree, flattenTree, type FieldInfo } from './fieldTree';

/** One tree's state: its fields folded into rows, which branches are folded, its filter. */
export function useTree(fields: readonly FieldInfo[]) {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
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
  return { rows, index, byPath, filter, setFilter, toggle };
}
