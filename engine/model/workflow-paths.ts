import type { DocPath } from './json-pointer';
import { formatPath } from './json-pointer';
import type { TreePolicy } from './tree-diff';

// Where things live in a workflow document, for the diff and the merge. Paths are id-keyed
// (see json-pointer.ts): ['blocks', { id }, 'config', 'rules', { id }, 'target'].

/** A block's position is one value (dragging moves x and y together); the order of blocks and edges
 * in the document means nothing on the canvas, while the order of mapping rules (and of other
 * id-keyed lists inside a config) does. */
export const workflowPolicy: TreePolicy = {
  atomic: (p) => p.length === 3 && p[0] === 'blocks' && typeof p[1] !== 'string' && p[2] === 'position',
  ordered: (p) => !(p.length === 1 && (p[0] === 'blocks' || p[0] === 'edges')),
};

function idAt(path: DocPath, i: number): string | null {
  const seg = path[i];
  return seg !== undefined && typeof seg !== 'string' ? seg.id : null;
}

export function blockIdOf(path: DocPath): string | null {
  return path[0] === 'blocks' ? idAt(path, 1) : null;
}

export function edgeIdOf(path: DocPath): string | null {
  return path[0] === 'edges' ? idAt(path, 1) : null;
}

/** A mapping rule's id when the path is inside `blocks[b].config.rules[r]`. */
export function ruleIdOf(path: DocPath): string | null {
  return path[0] === 'blocks' && path[2] === 'config' && path[3] === 'rules' ? idAt(path, 4) : null;
}

/** The path relative to the thing it belongs to (rule, block, edge), for lists grouped by it. */
export function fieldOf(path: DocPath): string {
  if (ruleIdOf(path) !== null) return formatPath(path.slice(5));
  if (blockIdOf(path) !== null || edgeIdOf(path) !== null) return formatPath(path.slice(2));
  return formatPath(path);
}
