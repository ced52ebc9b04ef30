import type { MethodArgs } from '../../../engine/api';
import { formatChain, type ChainStep } from '../../../engine/shared/chain';
import { generateRuleId } from '../../../engine/shared/rule-id';
import { parsePasted } from '../json/pasted';

// The mapping table's view of a rule. Rules are the block's `config.rules` as stored (plain JSON);
// these helpers read them defensively (a bundle or an older editor may have written anything)
// and produce rules that the engine's rule schema accepts.

export type RuleInput = MethodArgs<'mapping.export'>['rules'][number];

export type SourceMode = 'source' | 'sources' | 'expr' | 'constant';
export const sourceModes: readonly { value: SourceMode; label: string }[] = [
  { value: 'source', label: 'Field' },
  { value: 'sources', label: 'Fields' },
  { value: 'expr', label: 'Expression' },
  { value: 'constant', label: 'Constant' },
];

export interface MappingRule {
  readonly id: string;
  readonly target: string;
  readonly source?: string;
  readonly sources?: readonly string[];
  readonly expr?: string;
  readonly constant?: unknown;
  /** Steps, or the typed text `trim | upper` (the engine accepts both). */
  readonly transforms?: readonly ChainStep[] | string;
  readonly default?: unknown;
  readonly note?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readSteps(v: unknown): readonly ChainStep[] | string | undefined {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return undefined;
  return v.filter(isRecord).map((s) => ({ name: String(s.name ?? ''), args: Array.isArray(s.args) ? s.args : [] }));
}

/** The rules of a Map Fields config; entries that are not objects are dropped. */
export function readRules(v: unknown): MappingRule[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((r, i) => {
    const rule: Record<string, unknown> = { ...r, id: typeof r.id === 'string' && r.id ? r.id : `rule_${i + 1}`, target: typeof r.target === 'string' ? r.target : '' };
    const transforms = readSteps(r.transforms);
    if (transforms === undefined) delete rule.transforms;
    else rule.transforms = transforms;
    return rule as unknown as MappingRule;
  });
}

export function modeOf(rule: MappingRule): SourceMode {
  if (rule.sources !== undefined) return 'sources';
  if (rule.expr !== undefined) return 'expr';
  if (rule.constant !== undefined) return 'constant';
  return 'source';
}

/** Text for the source cell in the rule's current mode. */
export function sourceText(rule: MappingRule): string {
  switch (modeOf(rule)) {
    case 'sources':
      return (rule.sources ?? []).join(', ');
    case 'expr':
      return rule.expr ?? '';
    case 'constant':
      return typeof rule.constant === 'string' ? rule.constant : JSON.stringify(rule.constant);
    default:
      return rule.source ?? '';
  }
}

/**
 * A JSON literal when the text is one (`12`, `true`, `{"a":1}`), else the text itself. JSON too
 * deep or too large to use stays text (the cells say why with refusedJson).
 */
export function looseJson(text: string): unknown {
  const r = parsePasted(text, 'The value');
  return r.ok ? r.value : text;
}

function withoutSource(rule: MappingRule): MappingRule {
  const { source: _s, sources: _ss, expr: _e, constant: _c, ...rest } = rule;
  return rest;
}

/** Writes the source cell. Empty text keeps the mode (as an empty source) so the row stays visible as unfinished. */
export function setSource(rule: MappingRule, mode: SourceMode, text: string): MappingRule {
  const base = withoutSource(rule);
  switch (mode) {
    case 'sources': {
      const list = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
      return { ...base, sources: list };
    }
    case 'expr':
      return { ...base, expr: text };
    case 'constant':
      return { ...base, constant: looseJson(text) };
    default:
      return { ...base, source: text };
  }
}

export function transformsText(rule: MappingRule): string {
  const t = rule.transforms;
  if (t === undefined) return '';
  return typeof t === 'string' ? t : formatChain(t);
}

export function defaultText(rule: MappingRule): string {
  if (rule.default === undefined) return '';
  return typeof rule.default === 'string' ? rule.default : JSON.stringify(rule.default);
}

/**
 * An id for a new rule: generated, never a constant, so a rule added here and one added in another
 * version of the mapping never collide in a rebase. The target in front keeps diffs readable.
 */
export function newRuleId(target: string, rules: readonly MappingRule[]): string {
  const taken = new Set(rules.map((r) => r.id));
  let id = '';
  while (id === '' || taken.has(id)) id = generateRuleId(target);
  return id;
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/**
 * Rules as the contract's rule schema wants them: empty optional cells are left out. Rules that
 * are still unfinished (no target) are sent anyway so validation can say what is missing.
 */
export function toRuleInputs(rules: readonly MappingRule[]): RuleInput[] {
  return rules.map((r) => {
    const out: Record<string, unknown> = { id: r.id, target: r.target };
    const mode = modeOf(r);
    out[mode] = mode === 'source' ? (r.source ?? '') : r[mode];
    out.transforms = r.transforms ?? [];
    if (r.default !== undefined) out.default = r.default;
    if (r.note) out.note = r.note;
    return out as unknown as RuleInput;
  });
}
