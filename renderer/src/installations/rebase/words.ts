import type { WorkflowDoc } from '../../../../engine/api';
import type { DocPath } from '../../../../engine/model/json-pointer';

// Conflicts and changes named as a person says them: the block by its name and the setting in
// words ("Send to Your App › body › customer"), never a JSON path such as /blocks/#send/config/body.

const fieldNames: Readonly<Record<string, string>> = {
  connectionId: 'connection', url: 'URL', timeoutMs: 'timeout (ms)', intervalSeconds: 'interval (seconds)', pageSize: 'page size',
  overlapMinutes: 'overlap (minutes)', keepWatermark: 'keep watermark', modifiedSince: 'modified since', rules: 'mapping rules',
};

export function fieldWord(key: string): string {
  return fieldNames[key] ?? key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function blockName(doc: WorkflowDoc | null, id: string): string {
  const b = doc?.blocks.find((x) => x.id === id);
  return b?.name || fieldWord(id);
}

function ruleName(doc: WorkflowDoc | null, blockId: string, ruleId: string): string {
  const rules = doc?.blocks.find((x) => x.id === blockId)?.config.rules;
  const rule = Array.isArray(rules) ? (rules as { id?: unknown; target?: unknown }[]).find((r) => r.id === ruleId) : undefined;
  return typeof rule?.target === 'string' && rule.target ? `the rule for ${rule.target}` : 'a mapping rule';
}

/** Where a path points: `{ where: 'Send to Your App', field: 'body › customer' }`; field '' is the whole thing. */
export function pathInWords(path: DocPath, doc: WorkflowDoc | null): { where: string; field: string } {
  const [head, id, ...rest] = path;
  if (head === 'blocks' && id !== undefined && typeof id !== 'string') {
    const where = blockName(doc, id.id);
    const parts: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const seg = rest[i];
      if (seg === undefined || (seg === 'config' && i === 0)) continue;
      if (typeof seg === 'string') parts.push(seg === 'position' ? 'position on the canvas' : fieldWord(seg));
      else parts.push(rest[i - 1] === 'rules' ? ruleName(doc, id.id, seg.id) : fieldWord(seg.id));
    }
    return { where, field: parts.filter((p, i) => !(p === 'mapping rules' && parts[i + 1]?.startsWith('the rule'))).join(' › ') };
  }
  if (head === 'edges' && id !== undefined && typeof id !== 'string') {
    const edge = doc?.edges.find((e) => e.id === id.id);
    return { where: edge ? `the connection from ${blockName(doc, edge.from)} to ${blockName(doc, edge.to)}` : 'a connection between blocks', field: '' };
  }
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
