import { TransformFailure, type RecordError } from './errors';
import { formatConcrete, type Segment } from '../shared/path';
import type { Plan, PlannedRule, Reader } from './plan';
import { checkCopyable, gatherValues, isBlank, readSegs, toList } from './read';
import { getChild, type ArrayNode, type TargetNode } from './target-tree';

// The reference semantics of a mapping, written for clarity rather than speed: rule by rule,
// path by path. The compiled mapping must give the same output and errors (a randomized test
// checks it); the preview also uses this to explain values rule by rule.

type Container = Record<string, unknown> | unknown[];

function freshContainer(node: TargetNode | undefined): Container {
  return node?.kind === 'object' ? {} : [];
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` must become an own field, never the object's prototype.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

export function recordErrorFrom(e: unknown, pr: PlannedRule, recordIndex: number, indices: readonly number[]): RecordError {
  const target = formatConcrete(pr.target, indices);
  if (e instanceof TransformFailure) return { recordIndex, ruleId: pr.rule.id, target, code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { recordIndex, ruleId: pr.rule.id, target, code: 'mapping_transform_failed', message };
}

export function interpretRecord(
  plan: Plan,
  record: unknown,
  recordIndex: number,
  exprValues: readonly unknown[],
  errors: RecordError[],
): Record<string, unknown> {
  const rootOf = (x: Reader): unknown => (x.root < 0 ? record : exprValues[x.root]);

  const elemAt = (x: Reader, indices: readonly number[], level: number): unknown => {
    let e = rootOf(x);
    for (let k = 1; k <= level; k++) e = toList(readSegs(e, x.parts[k - 1] ?? []), x.root >= 0)[indices[k - 1] ?? 0];
    return e;
  };

  const lengthAt = (node: ArrayNode, indices: readonly number[]): number => {
    let n = 0;
    for (const d of node.drivers) {
      const x = plan.rules[d.rule]?.readers[d.reader];
      if (!x) continue;
      const list = toList(readSegs(elemAt(x, indices, node.level - 1), x.parts[node.level - 1] ?? []), x.root >= 0);
      n = Math.max(n, list.length);
    }
    return n;
  };

  const readerValue = (pr: PlannedRule, x: Reader, indices: readonly number[]): unknown => {
    const aligned = Math.min(x.wild, pr.targetWild);
    const base = elemAt(x, indices, aligned);
    return x.wild > pr.targetWild ? gatherValues(base, x.parts, aligned) : readSegs(base, x.parts[aligned] ?? []);
  };

  const leafValue = (pr: PlannedRule, indices: readonly number[]): unknown => {
    let v: unknown;
    if (pr.constant) v = pr.constant();
    else if (pr.multi) v = pr.readers.map((x) => readerValue(pr, x, indices));
    else v = pr.readers[0] ? readerValue(pr, pr.readers[0], indices) : undefined;
    try {
      if (pr.chain) v = pr.chain(v);
      if (pr.fallback && isBlank(v)) v = pr.fallback();
    } catch (e) {
      errors.push(recordErrorFrom(e, pr, recordIndex, indices));
      return null;
    }
    if (v !== null && typeof v === 'object') {
      const bad = checkCopyable(v);
      if (bad) {
        errors.push({ recordIndex, ruleId: pr.rule.id, target: formatConcrete(pr.target, indices), ...bad });
        return null;
      }
    }
    return v;
  };

  const walk = (pr: PlannedRule, i: number, node: TargetNode, out: Container, indices: number[]): void => {
    const seg = pr.target[i] as Segment;
    const child = getChild(node, seg);
    const last = i === pr.target.length - 1;
    if (seg.kind === 'key') {
      const obj = out as Record<string, unknown>;
      if (last) return setKey(obj, seg.key, leafValue(pr, indices));
      let sub = Object.prototype.hasOwnProperty.call(obj, seg.key) ? (obj[seg.key] as Container) : undefined;
      if (!sub) setKey(obj, seg.key, (sub = freshContainer(child)));
      return walk(pr, i + 1, child as TargetNode, sub, indices);
    }
    const arr = out as unknown[];
    if (seg.kind === 'index') {
      while (arr.length <= seg.index) arr.push(null);
      if (last) {
        arr[seg.index] = leafValue(pr, indices);
        return;
      }
      let sub = arr[seg.index] as Container | null;
      if (!sub) arr[seg.index] = sub = freshContainer(child);
      return walk(pr, i + 1, child as TargetNode, sub, indices);
    }
    const n = lengthAt(node as ArrayNode, indices);
    for (let x = 0; x < n; x++) {
      const at = [...indices, x];
      if (last) {
        arr[x] = leafValue(pr, at);
        continue;
      }
      let sub = arr[x] as Container | undefined;
      if (!sub) arr[x] = sub = freshContainer(child);
      walk(pr, i + 1, child as TargetNode, sub, at);
    }
  };

  const out: Record<string, unknown> = {};
  for (const pr of plan.rules) walk(pr, 0, plan.root, out, []);
  return out;
}
