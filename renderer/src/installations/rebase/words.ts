import type { DocPath } from '../../../../engine/model/json-pointer';

// Conflicts and changes named as a person says them: the block by its name and the setting in
// words ("Send to Your App › body › customer"), never a JSON path such as /blocks/#send/config/body.
// The same resolver shows workflow rebases and shared-mapping rebases, so names come from either.

const fieldNames: Readonly<Record<string, string>> = {
  connectionId: 'connection', url: 'URL', timeoutMs: 'timeout (ms)', intervalSeconds: 'interval (seconds)', pageSize: 'page size',
  overlapMinutes: 'overlap (minutes)', keepWatermark: 'keep watermark', modifiedSince: 'modified since', rules: 'mapping rules',
};

export function fieldWord(key: string): string {
  return fieldNames[key] ?? key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

interface Rule { readonly id?: unknown; readonly target?: unknown }
interface Block { readonly id: string; readonly name?: string; readonly config?: { readonly rules?: unknown } }
interface Edge { readonly id: string; readonly from: string; readonly to: string }

/** What a merged document tells about names: a workflow's blocks and edges, or a mapping's rules. */
export interface Names {
  readonly blocks: readonly Block[];
  readonly edges: readonly Edge[];
  readonly rules: readonly Rule[];
}

export const noNames: Names = { blocks: [], edges: [], rules: [] };

export function namesFrom(doc: unknown): Names {
  if (typeof doc !== 'object' || doc === null) return noNames;
  const d = doc as { blocks?: unknown; edges?: unknown; rules?: unknown };
  return {
    blocks: Array.isArray(d.blocks) ? (d.blocks as Block[]) : [],
    edges: Array.isArray(d.edges) ? (d.edges as Edge[]) : [],
    rules: Array.isArray(d.rules) ? (d.rules as Rule[]) : [],
  };
}

function blockName(names: Names, id: string): string {
  return names.blocks.find((x) => x.id === id)?.name || fieldWord(id);
}

function ruleName(rules: unknown, ruleId: string): string {
  const rule = Array.isArray(rules) ? (rules as Rule[]).find((r) => r.id === ruleId) : undefined;
  return typeof rule?.target === 'string' && rule.target ? `the rule for ${rule.target}` : 'a mapping rule';
}

/** Field words of a path inside a block's config or a mapping; rules named by their target. */
function fieldsInWords(rest: DocPath, rules: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const seg = rest[i];
    if (seg === undefined || (seg === 'config' && i === 0)) continue;
    if (typeof seg === 'string') parts.push(seg === 'position' ? 'position on the canvas' : fieldWord(seg));
    else if (rest[i - 1] === 'rules') {
      if (parts.at(-1) === 'mapping rules') parts.pop();
      parts.push(ruleName(rules, seg.id));
    } else parts.push(fieldWord(seg.id));
  }
  return parts.join(' › ');
}

/** Where a path points: `{ where: 'Send to Your App', field: 'body › customer' }`; field '' is the whole thing. */
export function pathInWords(path: DocPath, names: Names): { where: string; field: string } {
  const [head, id, ...rest] = path;
  if (head === 'blocks' && id !== undefined && typeof id !== 'string') {
    const rules = names.blocks.find((x) => x.id === id.id)?.config?.rules;
    return { where: blockName(names, id.id), field: fieldsInWords(rest, rules) };
  }
  if (head === 'edges' && id !== undefined && typeof id !== 'string') {
    const edge = names.edges.find((e) => e.id === id.id);
    return { where: edge ? `the connection from ${blockName(names, edge.from)} to ${blockName(names, edge.to)}` : 'a connection between blocks', field: '' };
  }
  if (head === 'rules') return { where: 'the mapping', field: fieldsInWords(path, names.rules) };
  return { where: 'the workflow', field: path.filter((s): s is string => typeof s === 'string').map(fieldWord).join(' › ') };
}

/** A value as a person reads it: text as is, a whole block as its name and kind, the rest as short JSON. */
export function valueInWords(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && 'config' in v) {
    const b = v as { name?: string; kind: string };
    return `the block "${b.name || b.kind}"`;
  }
  return JSON.stringify(v, null, 2) ?? '(nothing)';
}
