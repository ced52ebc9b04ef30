import type { MethodResult } from '../../../../engine/api';
import type { MappingRule } from '../rules';
import { sourcesOf } from './ruleEdits';

// Each rule's value on the shown record and what is wrong with it, in words: the engine's own
// errors for the record, plus what the engine cannot know alone (the target's type and whether it
// is required, and whether a source path names anything the account or the samples have).

type Preview = MethodResult<'mapping.preview'>;
type Issue = MethodResult<'mapping.validate'>['issues'][number];

export interface TargetInfo {
  readonly type?: string | undefined;
  readonly required?: boolean | undefined;
}

export interface RuleState {
  readonly value: unknown;
  readonly hasValue: boolean;
  readonly problems: readonly string[];
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length > 0 && v.every(isBlank));
}

function flat(v: unknown): unknown[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `“${v}”` : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…”` : s;
}

function typeProblem(value: unknown, type: string | undefined): string | null {
  for (const v of flat(value)) {
    if (v === null || v === undefined) continue;
    if ((type === 'number' || type === 'integer') && typeof v !== 'number') return `Text ${show(v)} goes into a number field: add the number transform.`;
    if (type === 'integer' && typeof v === 'number' && !Number.isInteger(v)) return `${show(v)} is not a whole number: add round or integer.`;
    if (type === 'boolean' && typeof v !== 'boolean') return `${show(v)} goes into a yes/no field: add the boolean transform.`;
    if (type === 'string' && typeof v === 'object') return 'A whole group of fields goes into a text field: pick a field inside it.';
  }
  return null;
}

/** Whether a source path names a field the samples or the account metadata have. */
export function knownSource(path: string, known: ReadonlySet<string>, prefixes: ReadonlySet<string>): boolean {
  return path === '$' || known.has(path) || prefixes.has(path);
}

/** Every ancestor path of the known fields (`entity` for `entity.refName`), so whole objects count too. */
export function prefixesOf(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    for (let i = 1; i < p.length; i++) if (p[i] === '.' || p[i] === '[') out.add(p.slice(0, i));
  }
  return out;
}

export function diagnoseRules(args: {
  rules: readonly MappingRule[];
  issues: readonly Issue[];
  preview: Preview | null;
  record: number;
  targets: ReadonlyMap<string, TargetInfo>;
  known: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
}): Map<string, RuleState> {
  const out = new Map<string, RuleState>();
  const byId = new Map((args.preview?.rules ?? []).map((r) => [r.id, r]));
  for (const rule of args.rules) {
    const problems: string[] = [];
    for (const i of args.issues) if (i.ruleId === rule.id) problems.push(i.message);
    if (args.known.size > 0) {
      for (const s of sourcesOf(rule)) {
        if (s && !knownSource(s, args.known, args.prefixes)) problems.push(`“${s}” matches no field in the samples or the account.`);
      }
    }
    const p = byId.get(rule.id);
    const hasValue = !!p && p.status !== 'invalid' && args.record < p.values.length;
    const value = hasValue ? p?.values[args.record] : undefined;
    if (p) for (const e of p.errors) if (e.recordIndex === args.record) problems.push(e.message);
    const target = args.targets.get(rule.target);
    if (hasValue) {
      const t = typeProblem(value, target?.type);
      if (t) problems.push(t);
      if (target?.required && isBlank(value)) problems.push('Required, but empty on this record.');
    }
    out.set(rule.id, { value, hasValue, problems: [...new Set(problems)] });
  }
  return out;
}
