import { compileMapping } from './compiled';
import type { MappingIssue, RecordError } from './errors';
import { parsePath, type Segment } from '../shared/path';
import { planMapping } from './plan';
import { MAX_RULES, ruleSchema, type Rule, type TargetField } from './rules';

export type { TargetField } from './rules';
import { generalize, scanFields } from './suggest/fields';

// What the inspector shows while rules are edited: every problem at once (not the first), each
// rule's value on each sample record, required targets left unmapped and sample fields unused.
// Rules with problems are left out of the preview run so the others still show their values.

export const MAX_PREVIEW_RECORDS = 50;

export interface ValidationResult {
  readonly ok: boolean;
  readonly issues: MappingIssue[];
  /** The rules that passed the schema (with defaults filled in), in order. */
  readonly rules: Rule[];
}

export function validateMapping(input: unknown): ValidationResult {
  if (!Array.isArray(input)) {
    return { ok: false, rules: [], issues: [{ code: 'mapping_invalid_rules', ruleId: null, message: 'rules must be a list' }] };
  }
  if (input.length > MAX_RULES) {
    return { ok: false, rules: [], issues: [{ code: 'mapping_invalid_rules', ruleId: null, message: `a mapping may have at most ${MAX_RULES} rules` }] };
  }
  const issues: MappingIssue[] = [];
  const rules: Rule[] = [];
  input.forEach((raw, i) => {
    const parsed = ruleSchema.safeParse(raw);
    if (parsed.success) {
      rules.push(parsed.data);
      return;
    }
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${i + 1}`;
    for (const iss of parsed.error.issues) {
      const field = iss.path.map(String).join('.');
      issues.push({ code: 'mapping_invalid_rules', ruleId: id, field: field || undefined, message: `rule ${id}${field ? ` ${field}` : ''}: ${iss.message}` });
    }
  });
  issues.push(...planMapping(rules).issues);
  return { ok: issues.length === 0, issues, rules };
}

/** Drops rules named in issues until the rest plan cleanly (a conflict can hide another). */
function usableRules(rules: readonly Rule[], issues: readonly MappingIssue[]): Rule[] {
  const bad = new Set(issues.map((i) => i.ruleId));
  let usable = rules.filter((r) => !bad.has(r.id));
  for (let round = 0; round < 5; round++) {
    const more = planMapping(usable).issues;
    if (more.length === 0) return usable;
    const drop = new Set(more.map((i) => i.ruleId));
    usable = usable.filter((r) => !drop.has(r.id));
  }
  return [];
}

/** The value(s) at a target path; [*] gives a list per level. */
export function readTarget(value: unknown, segs: readonly Segment[]): unknown {
  let v = value;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as Segment;
    if (s.kind === 'wild') {
      const rest = segs.slice(i + 1);
      return Array.isArray(v) ? v.map((e) => readTarget(e, rest)) : [];
    }
    if (v === null || typeof v !== 'object') return undefined;
    v = s.kind === 'key' ? (Object.prototype.hasOwnProperty.call(v, s.key) ? (v as Record<string, unknown>)[s.key] : undefined) : (v as unknown[])[s.index];
  }
  return v;
}

export interface RulePreview {
  readonly id: string;
  readonly target: string;
  readonly status: 'ok' | 'invalid' | 'errors';
  /** Per sample record: the rule's value (a list for each [*] in the target). */
  readonly values: unknown[];
  readonly errors: RecordError[];
}

export interface PreviewResult {
  readonly ok: boolean;
  readonly issues: MappingIssue[];
  readonly records: { output: unknown; errors: RecordError[] }[];
  readonly rules: RulePreview[];
  readonly unmappedTargets: { path: string; required: boolean }[];
  readonly unusedSources: string[];
  readonly warnings: { code: string; message: string }[];
}

function normalizedTarget(path: string): string | null {
  try {
    return generalize(parsePath(path));
  } catch {
    return null;
  }
}

export async function previewMapping(args: { rules: unknown; sample: unknown; targets?: readonly TargetField[] }): Promise<PreviewResult> {
  const { issues, rules } = validateMapping(args.rules);
  const warnings: { code: string; message: string }[] = [];
  const records = Array.isArray(args.sample) ? args.sample.slice(0, MAX_PREVIEW_RECORDS) : args.sample === undefined ? [] : [args.sample];
  if (Array.isArray(args.sample) && args.sample.length > MAX_PREVIEW_RECORDS) {
    warnings.push({ code: 'preview_truncated', message: `only the first ${MAX_PREVIEW_RECORDS} sample records are previewed` });
  }
  const usable = usableRules(rules, issues);
  const compiled = compileMapping(usable);
  const outputs: { output: unknown; errors: RecordError[] }[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = await compiled.mapRecordAsync(records[i], i);
    outputs.push({ output: r.value, errors: r.errors });
  }
  const usableIds = new Set(usable.map((r) => r.id));
  const rulePreviews: RulePreview[] = rules.map((rule) => {
    if (!usableIds.has(rule.id)) return { id: rule.id, target: rule.target, status: 'invalid', values: [], errors: [] };
    const segs = parsePath(rule.target);
    const errors = outputs.flatMap((o) => o.errors.filter((e) => e.ruleId === rule.id));
    return { id: rule.id, target: rule.target, status: errors.length > 0 ? 'errors' : 'ok', values: outputs.map((o) => readTarget(o.output, segs)), errors };
  });

  const mapped = new Set(rules.map((r) => normalizedTarget(r.target)));
  const unmappedTargets = (args.targets ?? [])
    .filter((t) => !mapped.has(normalizedTarget(t.path)))
    .map((t) => ({ path: t.path, required: t.required === true }));

  const scan = scanFields(records, { skipKeys: ['links'] });
  if (scan.tooDeep) warnings.push({ code: 'mapping_input_too_deep', message: 'the sample is nested very deeply; only its first levels were inspected' });
  if (scan.cyclic) warnings.push({ code: 'mapping_input_cyclic', message: 'the sample refers to itself; the repeated part was not inspected' });
  const read: string[] = [];
  let readsAll = false;
  for (const r of usable) {
    for (const src of r.source !== undefined ? [r.source] : (r.sources ?? [])) {
      const segs = parsePath(src, true);
      if (segs.length === 0) readsAll = true;
      else read.push(generalize(segs));
    }
  }
  // JSONata is not analysed: a field counts as read when one of its keys appears in an expression.
  const exprWords = new Set(usable.flatMap((r) => (r.expr ?? '').split(/[^A-Za-z0-9_$]+/)));
  const isUsed = (path: string, segs: readonly Segment[]): boolean =>
    readsAll ||
    read.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) ||
    segs.some((s) => s.kind === 'key' && exprWords.has(s.key));
  const unusedSources = scan.fields
    .filter((f) => !isUsed(f.path, f.segs))
    .map((f) => f.path);

  const recordErrors = outputs.some((o) => o.errors.length > 0);
  return { ok: issues.length === 0 && !recordErrors, issues, records: outputs, rules: rulePreviews, unmappedTargets, unusedSources, warnings };
}
