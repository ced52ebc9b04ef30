import type { ChainStep } from '../../../../engine/shared/chain';
import { parsePath, wildcardCount } from '../../../../engine/shared/path';
import { newRuleId, type MappingRule } from '../rules';

// What a drag means, as pure functions over the rules list. A source dropped on an unmapped target
// makes a rule; a second, different source on a mapped target turns it into a several-source rule
// joined by concat; a source with more [*] levels than its target gets an aggregate, because the
// engine refuses to guess how a list becomes one value.

function wilds(path: string): number {
  try {
    return wildcardCount(parsePath(path, true));
  } catch {
    return 0;
  }
}

function steps(rule: MappingRule): ChainStep[] {
  return Array.isArray(rule.transforms) ? [...(rule.transforms as ChainStep[])] : [];
}

const AGGREGATES = new Set(['join', 'sum', 'count', 'first']);

export function aggregateFor(source: string, target: string, targetType?: string): ChainStep[] {
  if (wilds(source) <= wilds(target)) return [];
  return targetType === 'number' || targetType === 'integer' ? [{ name: 'sum', args: [] }] : [{ name: 'join', args: [', '] }];
}

export interface DropResult {
  readonly rules: MappingRule[];
  /** The rule the drop made or changed (selected for its side panel). */
  readonly ruleId: string | null;
}

export function dropSource(rules: readonly MappingRule[], source: string, target: string, targetType?: string): DropResult {
  const at = rules.findIndex((r) => r.target === target);
  if (at < 0) {
    const rule: MappingRule = { id: newRuleId(target, rules), target, source, transforms: aggregateFor(source, target, targetType) };
    return { rules: [...rules, rule], ruleId: rule.id };
  }
  const rule = rules[at] as MappingRule;
  const current = rule.sources ?? (rule.source ? [rule.source] : []);
  if (current.includes(source)) return { rules: [...rules], ruleId: rule.id };
  const chain = steps(rule);
  const joins = chain.some((s) => s.name === 'concat' || s.name === 'template');
  const { source: _s, expr: _e, constant: _c, ...rest } = rule;
  const next: MappingRule = {
    ...rest,
    sources: [...current, source],
    transforms: joins ? chain : [{ name: 'concat', args: [' '] }, ...chain.filter((s) => !AGGREGATES.has(s.name))],
  };
  const out = [...rules];
  out[at] = next;
  return { rules: out, ruleId: rule.id };
}

export function removeRule(rules: readonly MappingRule[], id: string): MappingRule[] {
  return rules.filter((r) => r.id !== id);
}

export function replaceRule(rules: readonly MappingRule[], next: MappingRule): MappingRule[] {
  return rules.map((r) => (r.id === next.id ? next : r));
}

/** Removes one source from a rule; a rule left without sources is removed. */
export function removeSource(rules: readonly MappingRule[], id: string, source: string): MappingRule[] {
  const rule = rules.find((r) => r.id === id);
  if (!rule) return [...rules];
  if (rule.sources) {
    const left = rule.sources.filter((s) => s !== source);
    if (left.length === 0) return removeRule(rules, id);
    if (left.length === 1) {
      const { sources: _ss, ...rest } = rule;
      return replaceRule(rules, { ...rest, source: left[0] as string, transforms: steps(rule).filter((s) => s.name !== 'concat' && s.name !== 'template') });
    }
    return replaceRule(rules, { ...rule, sources: left });
  }
  return removeRule(rules, id);
}

/** The source paths a rule reads (for its lines). */
export function sourcesOf(rule: MappingRule): string[] {
  if (rule.sources) return [...rule.sources];
  return rule.source ? [rule.source] : [];
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function rest(path: string, prefix: string): string | null {
  if (!path.startsWith(prefix) || path.length === prefix.length) return null;
  const r = path.slice(prefix.length);
  return r.startsWith('.') || r.startsWith('[') ? r.replace(/^\./, '') : null;
}

/**
 * A branch dropped on a branch (`item.items[*]` on `lineItems[*]`): one rule per target field under
 * it whose name matches a source field under the source branch (`quantity` ← `quantity`,
 * `unit_cost` ← `unitCost`), so the [*] levels line up as they are. Targets already mapped are left.
 */
export function dropBranch(rules: readonly MappingRule[], source: string, target: string, sourcePaths: readonly string[], targets: readonly { path: string; type?: string | undefined }[]): DropResult & { readonly added: number } {
  const byName = new Map<string, string>();
  for (const p of sourcePaths) {
    const r = rest(p, source);
    if (r === null) continue;
    const full = norm(r);
    const last = norm(r.split('.').at(-1) ?? r);
    if (!byName.has(full)) byName.set(full, p);
    if (!byName.has(last)) byName.set(last, p);
  }
  let out: MappingRule[] = [...rules];
  let added = 0;
  let lastId: string | null = null;
  for (const t of targets) {
    const r = rest(t.path, target);
    if (r === null || out.some((x) => x.target === t.path)) continue;
    const match = byName.get(norm(r)) ?? byName.get(norm(r.split('.').at(-1) ?? r));
    if (!match) continue;
    const res = dropSource(out, match, t.path, t.type);
    out = res.rules;
    lastId = res.ruleId;
    added++;
  }
  return { rules: out, ruleId: lastId, added };
}
