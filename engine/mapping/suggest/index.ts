import { parsePath, wildcardCount, type Segment } from '../../shared/path';
import type { TargetField } from '../preview';
import type { Rule } from '../rules';
import { generalize, scanFields, type FieldInfo } from './fields';
import { describeName, tokenSimilarity, type NameInfo } from './names';
import { expectedShapes, shapeMatch, SHAPE_WORDS } from './shape';

// Candidate sources for each unmapped target, ranked by name (concepts, synonyms, tokens) and by
// what the sample values look like, each with a score in 0..1 and the reasons in words.

export interface SourceField {
  readonly path: string;
  /** A label from the account's metadata, e.g. "Assigned Procurement Rep" for a custbody field. */
  readonly label?: string;
}

export interface Candidate {
  readonly source: string;
  readonly score: number;
  readonly reason: string;
  readonly examples: (string | number | boolean)[];
}

export interface TargetSuggestion {
  readonly target: string;
  readonly label?: string;
  readonly candidates: Candidate[];
}

export interface SuggestArgs {
  readonly rules?: readonly Rule[];
  readonly sample: unknown;
  readonly targets: readonly (string | TargetField)[];
  readonly sourceFields?: readonly SourceField[];
  readonly limit?: number;
}

export const MIN_SCORE = 0.25;

interface Source {
  readonly field: FieldInfo;
  readonly name: NameInfo;
  readonly wild: number;
  /** 1-based rank among the record's custom fields at the same list level, or null. */
  readonly customRank: number | null;
}

function fieldKey(segs: readonly Segment[], name: NameInfo): string {
  return generalize(name.facet ? segs.slice(0, -1) : segs);
}

function buildSources(records: readonly unknown[], extra: readonly SourceField[]): Source[] {
  const scan = scanFields(records, { skipKeys: ['links'] });
  const byPath = new Map(scan.fields.map((f) => [f.path, f]));
  const labels = new Map<string, string>();
  for (const s of extra) {
    let segs: Segment[];
    try {
      segs = parsePath(s.path);
    } catch {
      continue;
    }
    const path = generalize(segs);
    if (s.label) labels.set(path, s.label);
    if (!byPath.has(path)) byPath.set(path, { path, segs, kinds: new Set(), examples: [], count: 0, order: Number.MAX_SAFE_INTEGER });
  }
  const drafts = [...byPath.values()].map((field) => {
    const label = labels.get(field.path) ?? labels.get(generalize(field.segs.slice(0, -1)));
    const name = describeName(field.segs, label);
    return { field, name, wild: wildcardCount(field.segs) };
  });
  // Rank custom fields (not paths: `.id` and `.refName` are one field) in the order first seen.
  const firstSeen = new Map<string, number>();
  for (const d of drafts) {
    if (!d.name.custom) continue;
    const key = `${d.wild}|${fieldKey(d.field.segs, d.name)}`;
    firstSeen.set(key, Math.min(firstSeen.get(key) ?? Infinity, d.field.order));
  }
  const rankOf = new Map<string, number>();
  for (const wild of new Set(drafts.map((d) => d.wild))) {
    const keys = [...firstSeen.entries()].filter(([k]) => k.startsWith(`${wild}|`)).sort((a, b) => a[1] - b[1]);
    keys.forEach(([k], i) => rankOf.set(k, i + 1));
  }
  return drafts.map((d) => ({ ...d, customRank: d.name.custom ? (rankOf.get(`${d.wild}|${fieldKey(d.field.segs, d.name)}`) ?? null) : null }));
}

function score(target: NameInfo, targetWild: number, type: string | undefined, src: Source): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let name = 0;
  if (target.concept && target.concept === src.name.concept) {
    name = 1;
    reasons.push(`"${target.phrase}" and "${src.name.phrase}" name the same thing`);
  } else {
    // `entity.refName` is the entity's name: a target about a name shares that word with it.
    const facetWord = src.name.facet === 'name' && target.tokens.includes('name') ? ['name'] : [];
    const named = facetWord.length > 0 ? { ...src.name, tokens: [...src.name.tokens, ...facetWord] } : src.name;
    name = tokenSimilarity(target, named);
    const shared = target.tokens.filter((t) => named.tokens.includes(t));
    if (shared.length > 0) reasons.push(`names share "${shared.join(' ')}"`);
  }
  const shapes = expectedShapes(target.concept, type);
  let shape = 0.5;
  if (shapes && src.field.examples.length > 0) {
    shape = shapeMatch(src.field, shapes);
    if (shape >= 0.5) reasons.push(`values look like ${SHAPE_WORDS[shapes[0] ?? 'text']}`);
  }
  let structure: number;
  if (src.wild === targetWild) {
    structure = 1;
    if (targetWild > 0) reasons.push('same list level as the target');
  } else if (src.wild < targetWild) {
    structure = 0.5;
  } else {
    structure = 0;
    reasons.push('many values per target: needs join, sum, count or first');
  }
  let facet = 0.6;
  if (src.name.facet === 'name') facet = target.facet === 'id' ? 0.3 : 1;
  else if (src.name.facet === 'id') facet = target.facet === 'id' ? 1 : 0.3;
  let custom = 0;
  if (target.custom && src.name.custom) {
    custom = 0.1;
    if (target.ordinal !== null && target.ordinal === src.customRank && src.wild === targetWild && target.tokens.length === 0) {
      custom += 0.2;
      reasons.push(`custom field #${target.ordinal} of the record`);
    } else reasons.push('both are custom fields');
  } else if (target.custom !== src.name.custom) custom = -0.1;
  const total = 0.55 * name + 0.25 * shape + 0.12 * structure + 0.08 * facet + custom;
  return { score: Math.max(0, Math.min(1, Number(total.toFixed(3)))), reasons };
}

export function suggestMappings(args: SuggestArgs): TargetSuggestion[] {
  const records = Array.isArray(args.sample) ? args.sample : args.sample === undefined ? [] : [args.sample];
  const sources = buildSources(records, args.sourceFields ?? []);
  const mapped = new Set<string>();
  for (const r of args.rules ?? []) {
    try {
      mapped.add(generalize(parsePath(r.target)));
    } catch {
      // An invalid rule maps nothing; validation reports it.
    }
  }
  const limit = args.limit ?? 5;
  const out: TargetSuggestion[] = [];
  for (const t of args.targets) {
    const spec: TargetField = typeof t === 'string' ? { path: t } : t;
    let segs: Segment[];
    try {
      segs = parsePath(spec.path);
    } catch {
      continue;
    }
    if (mapped.has(generalize(segs))) continue;
    const name = describeName(segs, spec.label);
    const wild = wildcardCount(segs);
    const candidates = sources
      .map((src) => {
        const s = score(name, wild, spec.type, src);
        return { source: src.field.path, score: s.score, reason: s.reasons.join('; ') || 'weak match', examples: src.field.examples.slice(0, 3) };
      })
      .filter((c) => c.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || a.source.localeCompare(b.source))
      .slice(0, limit);
    out.push(spec.label ? { target: spec.path, label: spec.label, candidates } : { target: spec.path, candidates });
  }
  return out;
}
