import type { Edge } from '../../../../engine/api';
import type { FieldChange } from '../../../../engine/model/diff-schema';
import type { DocPath } from '../../../../engine/model/json-pointer';
import { shortJson } from '../format';
import { fieldWord } from '../rebase/words';

// Words for the parts of a structural diff, shared by the change list and the rebase view.

export function edgeText(e: Edge, names: ReadonlyMap<string, string>): string {
  const from = names.get(e.from) ?? e.from;
  const to = names.get(e.to) ?? e.to;
  return e.port === 'out' ? `${from} → ${to}` : `${from} —${e.port}→ ${to}`;
}

/** The path inside what changed: a block's setting, or a mapping rule's field. */
function ownPath(path: DocPath): DocPath {
  let rest = path;
  if (rest[0] === 'blocks' && typeof rest[1] === 'object') rest = rest.slice(2);
  if (rest[0] === 'config') rest = rest.slice(1);
  if (rest[0] === 'rules' && typeof rest[1] === 'object') rest = rest.slice(2);
  return rest;
}

/** A changed setting as the inspector names it: the block's own label where its form has one
 * ("Fetch URL"), else the key in words ("timeout (ms)"); nested keys follow after ›. */
export function fieldLabel(path: DocPath, labels: ReadonlyMap<string, string> = new Map()): string {
  const words = ownPath(path).map((seg, i) => (typeof seg === 'string' ? (i === 0 ? labels.get(seg) : undefined) ?? fieldWord(seg) : seg.id));
  return words.join(' › ') || 'the whole item';
}

/** `URL: "a" → "b"`, `body › customer added: 1`, `timeout (ms) removed (was 2)`. */
export function fieldText(c: FieldChange, labels?: ReadonlyMap<string, string>): { field: string; change: string } {
  const field = fieldLabel(c.path, labels);
  switch (c.op) {
    case 'added':
      return { field, change: `added: ${shortJson(c.new)}` };
    case 'removed':
      return { field, change: `removed (was ${shortJson(c.old)})` };
    case 'reordered':
      return { field, change: 'reordered' };
    default:
      return { field, change: `${shortJson(c.old)} → ${shortJson(c.new)}` };
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
