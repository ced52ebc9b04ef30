import { z } from 'zod';
import { ABSENT, isIdArray, isPlainObject, type JsonObject } from './json-value';

// Paths into a workflow document. Keys walk objects; `{ id }` steps walk id-keyed arrays (blocks,
// edges, mapping rules), so a path names the same thing after elements are inserted or reordered.
// The string form is an RFC 6901 pointer with one extension: an id step is written `#<id>`
// (a key that starts with `#` is escaped as `~2`), e.g. `/blocks/#map/config/rules/#r1/target`.
// Pointers are stable, so they serve as conflict ids.

export const docPathSegmentSchema = z.union([z.string(), z.object({ id: z.string() })]);
export type DocPathSegment = z.infer<typeof docPathSegmentSchema>;
export type DocPath = readonly DocPathSegment[];

function escapeKey(key: string): string {
  const s = key.replace(/~/g, '~0').replace(/\//g, '~1');
  return s.startsWith('#') ? `~2${s.slice(1)}` : s;
}

function unescapeKey(s: string): string {
  const t = s.startsWith('~2') ? `#${s.slice(2)}` : s;
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function toPointer(path: DocPath): string {
  return path
    .map((seg) => '/' + (typeof seg === 'string' ? escapeKey(seg) : `#${seg.id.replace(/~/g, '~0').replace(/\//g, '~1')}`))
    .join('');
}

export function parsePointer(pointer: string): DocPathSegment[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a pointer (it must start with "/")`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (s.startsWith('#') ? { id: s.slice(1).replace(/~1/g, '/').replace(/~0/g, '~') } : unescapeKey(s)));
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Human form in the mapping path style: `config.headers["Content-Type"]`, `rules[r1].target`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg !== 'string') out += `[${seg.id}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function isPrefix(prefix: DocPath, path: DocPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((seg, i) => sameSegment(seg, path[i]));
}

export function sameSegment(a: DocPathSegment | undefined, b: DocPathSegment | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.id === b.id;
}

/** The value at `path`, or ABSENT when any step is missing. */
export function getAt(root: unknown, path: DocPath): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'string') {
      if (!isPlainObject(cur) || !Object.hasOwn(cur, seg) || cur[seg] === undefined) return ABSENT;
      cur = cur[seg];
    } else {
      if (!Array.isArray(cur)) return ABSENT;
      const found: unknown = cur.find((e: unknown) => isPlainObject(e) && e.id === seg.id);
      if (found === undefined) return ABSENT;
      cur = found;
    }
  }
  return cur;
}

/** Where a new element goes in an id-keyed array: after the first of `after` that is present. */
export interface InsertHint {
  readonly after?: readonly string[];
}

/** Sets (or, with ABSENT, removes) the value at `path` in place. The parent must exist. */
export function setAt(root: JsonObject, path: DocPath, value: unknown, hint: InsertHint = {}): void {
  if (path.length === 0) throw new Error('cannot replace the document root');
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    if (!isPlainObject(parent)) throw new Error(`no object at ${toPointer(path.slice(0, -1))}`);
    if (value === ABSENT) delete parent[last];
    else parent[last] = value;
    return;
  }
  if (last === undefined || !Array.isArray(parent) || !isIdArray(parent)) {
    throw new Error(`no id-keyed list at ${toPointer(path.slice(0, -1))}`);
  }
  const index = parent.findIndex((e) => e.id === last.id);
  if (value === ABSENT) {
    if (index >= 0) parent.splice(index, 1);
    return;
  }
  if (index >= 0) {
    parent[index] = value as (typeof parent)[number];
    return;
  }
  let at = hint.after === undefined ? parent.length : 0;
  for (const prev of hint.after ?? []) {
    const j = parent.findIndex((e) => e.id === prev);
    if (j >= 0) {
      at = j + 1;
      break;
    }
  }
  parent.splice(at, 0, value as (typeof parent)[number]);
}
