import type { MappingIssue } from './errors';
import { formatPath, type Segment } from '../shared/path';
import type { PlannedRule } from './plan';

// The targets of all rules form one tree. A node's kind is fixed by the segment that follows it
// (a key → object, [*] → array, [n] → fixed positions, nothing → a rule's value), so two rules
// that disagree about a node, such as `a` and `a.b`, are caught here at compile time.

export interface ObjectNode {
  readonly kind: 'object';
  readonly owner: number;
  readonly children: Map<string, TargetNode>;
}
/** An array filled from [*]: one element per element of its driving sources (the longest wins). */
export interface ArrayNode {
  readonly kind: 'array';
  readonly owner: number;
  /** 1 for the outermost [*] of a target, 2 for the next… */
  readonly level: number;
  readonly path: string;
  element: TargetNode | null;
  readonly drivers: { readonly rule: number; readonly reader: number }[];
}
export interface FixedNode {
  readonly kind: 'fixed';
  readonly owner: number;
  readonly items: Map<number, TargetNode>;
}
export interface LeafNode {
  readonly kind: 'leaf';
  readonly owner: number;
}
export type TargetNode = ObjectNode | ArrayNode | FixedNode | LeafNode;
type Kind = TargetNode['kind'];

function kindAfter(seg: Segment | undefined): Kind {
  if (!seg) return 'leaf';
  return seg.kind === 'key' ? 'object' : seg.kind === 'wild' ? 'array' : 'fixed';
}

export function getChild(node: TargetNode, seg: Segment): TargetNode | undefined {
  if (node.kind === 'object' && seg.kind === 'key') return node.children.get(seg.key);
  if (node.kind === 'array' && seg.kind === 'wild') return node.element ?? undefined;
  if (node.kind === 'fixed' && seg.kind === 'index') return node.items.get(seg.index);
  return undefined;
}

function setChild(node: TargetNode, seg: Segment, child: TargetNode): void {
  if (node.kind === 'object' && seg.kind === 'key') node.children.set(seg.key, child);
  else if (node.kind === 'array' && seg.kind === 'wild') node.element = child;
  else if (node.kind === 'fixed' && seg.kind === 'index') node.items.set(seg.index, child);
}

function create(kind: Kind, owner: number, level: number, path: string): TargetNode {
  switch (kind) {
    case 'object':
      return { kind, owner, children: new Map() };
    case 'array':
      return { kind, owner, level, path, element: null, drivers: [] };
    case 'fixed':
      return { kind, owner, items: new Map() };
    default:
      return { kind: 'leaf', owner };
  }
}

const describe: Record<Kind, string> = { object: 'an object', array: 'a [*] list', fixed: 'a list with [n] positions', leaf: 'a value' };

export function buildTargetTree(rules: readonly PlannedRule[], issues: MappingIssue[]): ObjectNode {
  const root: ObjectNode = { kind: 'object', owner: -1, children: new Map() };
  const arrays: ArrayNode[] = [];
  rules.forEach((pr, slot) => {
    let node: TargetNode = root;
    let level = 0;
    const arrayNodes: ArrayNode[] = [];
    for (let i = 0; i < pr.target.length; i++) {
      const seg = pr.target[i] as Segment;
      const want = kindAfter(pr.target[i + 1]);
      if (seg.kind === 'wild') level += 1;
      const existing = getChild(node, seg);
      const prefix = formatPath(pr.target.slice(0, i + 1));
      if (existing && (existing.kind !== want || want === 'leaf')) {
        const other = rules[existing.owner]?.rule;
        const why =
          want === 'leaf' && existing.kind === 'leaf'
            ? `writes "${prefix}" like rule "${other?.id}"`
            : `makes "${prefix}" ${describe[want]}, but rule "${other?.id}" (target "${other?.target}") makes it ${describe[existing.kind]}`;
        issues.push({ code: 'mapping_target_conflict', ruleId: pr.rule.id, field: 'target', path: pr.rule.target, message: `rule "${pr.rule.id}" ${why}` });
        return;
      }
      const next = existing ?? create(want, slot, level + (want === 'array' ? 1 : 0), prefix + (want === 'array' ? '[*]' : ''));
      if (!existing) {
        setChild(node, seg, next);
        if (next.kind === 'array') arrays.push(next);
      }
      if (next.kind === 'array') arrayNodes.push(next);
      node = next;
    }
    for (const arr of arrayNodes) {
      pr.readers.forEach((reader, r) => {
        if (reader.wild >= arr.level) arr.drivers.push({ rule: slot, reader: r });
      });
    }
  });
  for (const arr of arrays) {
    if (arr.drivers.length > 0) continue;
    const owner = rules[arr.owner]?.rule;
    issues.push({
      code: 'mapping_wildcard_unaligned',
      ruleId: owner?.id ?? null,
      field: 'target',
      path: owner?.target,
      message: `"${arr.path}" has no source with a matching [*] to take its elements from; give rule "${owner?.id}" a source such as item.items[*].quantity`,
    });
  }
  return root;
}
