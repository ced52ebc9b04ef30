import { formatPath, parsePath } from '../../../../engine/shared/path';

// The two trees' rows: field paths (`item.items[*].rate`) folded into nested nodes
// (`item` › `items[*]` › `rate`), flattened for a virtual list. Pure, so filtering and folding a
// 2,000-field account stay a single pass.

export interface FieldInfo {
  readonly path: string;
  readonly label?: string | undefined;
  readonly type?: string | undefined;
  readonly required?: boolean | undefined;
  readonly custom?: boolean | undefined;
  readonly options?: readonly string[] | undefined;
  /** Seen in a sample record (as opposed to only in the metadata). */
  readonly sampled?: boolean | undefined;
}

export interface TreeRow {
  /** The node's own path; leaves carry the field's path. */
  readonly path: string;
  readonly name: string;
  readonly depth: number;
  readonly leaf: boolean;
  readonly field: FieldInfo | null;
  readonly open: boolean;
}

interface Node {
  readonly path: string;
  readonly name: string;
  field: FieldInfo | null;
  readonly children: Map<string, Node>;
}

type Seg = ReturnType<typeof parsePath>[number];

/** Splits a path into node groups: a `[*]` or `[n]` stays with the key before it. */
export function nodeGroups(path: string): { name: string; path: string }[] {
  let segs: Seg[];
  try {
    segs = parsePath(path);
  } catch {
    return [{ name: path, path }];
  }
  const out: { name: string; path: string }[] = [];
  const taken: Seg[] = [];
  for (const s of segs) {
    taken.push(s);
    const p = formatPath(taken);
    if (s.kind === 'key') out.push({ name: /^[A-Za-z_$][\w$]*$/.test(s.key) ? s.key : JSON.stringify(s.key), path: p });
    else {
      const suffix = s.kind === 'wild' ? '[*]' : `[${s.index}]`;
      const last = out.at(-1);
      if (last) out[out.length - 1] = { name: last.name + suffix, path: p };
      else out.push({ name: suffix, path: p });
    }
  }
  return out;
}

export function buildTree(fields: readonly FieldInfo[]): Node {
  const root: Node = { path: '', name: '', field: null, children: new Map() };
  for (const f of fields) {
    let node = root;
    for (const g of nodeGroups(f.path)) {
      let child = node.children.get(g.name);
      if (!child) {
        child = { path: g.path, name: g.name, field: null, children: new Map() };
        node.children.set(g.name, child);
      }
      node = child;
    }
    node.field = node.field ? { ...node.field, ...f, label: node.field.label ?? f.label } : f;
  }
  return root;
}

/** A list field ({id, refName}) is known by its refName's label: the branch shows it too. */
function branchField(n: Node): FieldInfo | null {
  const ref = n.children.get('refName')?.field;
  return ref?.label ? { path: n.path, label: ref.label, custom: ref.custom } : null;
}

function matches(n: Node, q: string): boolean {
  if (n.path.toLowerCase().includes(q)) return true;
  return n.field?.label?.toLowerCase().includes(q) ?? false;
}

/**
 * Visible rows. Folded nodes hide their children; with a filter every branch holding a match is
 * shown open (a search should never hide what it found).
 */
export function flattenTree(root: Node, closed: ReadonlySet<string>, filter: string): TreeRow[] {
  const q = filter.trim().toLowerCase();
  const out: TreeRow[] = [];
  const keep = new Map<Node, boolean>();
  const hasMatch = (n: Node): boolean => {
    const hit = keep.get(n);
    if (hit !== undefined) return hit;
    let r = matches(n, q);
    for (const c of n.children.values()) if (hasMatch(c)) r = true;
    keep.set(n, r);
    return r;
  };
  const walk = (n: Node, depth: number) => {
    for (const c of n.children.values()) {
      if (q && !hasMatch(c)) continue;
      const leaf = c.children.size === 0;
      const open = !leaf && (q !== '' || !closed.has(c.path));
      out.push({ path: c.path, name: c.name, depth, leaf, field: c.field ?? branchField(c), open });
      if (open) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** The row a path is drawn at: the path's own row, or the nearest folded ancestor's. */
export function rowIndexOf(index: ReadonlyMap<string, number>, path: string): number | undefined {
  const own = index.get(path);
  if (own !== undefined) return own;
  const groups = nodeGroups(path);
  for (let i = groups.length - 2; i >= 0; i--) {
    const hit = index.get(groups[i]?.path ?? '');
    if (hit !== undefined) return hit;
  }
  return undefined;
}
