import { toRuleInputs, type MappingRule } from '../rules';

// What importing a sheet would do to the rules, shown before anything changes. Rules whose target
// the sheet does not mention are kept: an import never drops work already mapped.

export interface ImportPlan {
  readonly added: readonly MappingRule[];
  readonly replaced: readonly { before: MappingRule; after: MappingRule }[];
  readonly unchanged: number;
  readonly kept: number;
  readonly result: MappingRule[];
}

function same(a: MappingRule, b: MappingRule): boolean {
  const [x, y] = toRuleInputs([a, b]);
  const norm = (r: typeof x) => JSON.stringify({ ...r, id: '', note: '' });
  return norm(x) === norm(y);
}

export function planImport(current: readonly MappingRule[], imported: readonly MappingRule[]): ImportPlan {
  const byTarget = new Map(current.map((r) => [r.target, r]));
  const sheetTargets = new Set(imported.map((r) => r.target));
  const added: MappingRule[] = [];
  const replaced: { before: MappingRule; after: MappingRule }[] = [];
  let unchanged = 0;
  for (const r of imported) {
    const before = byTarget.get(r.target);
    if (!before) added.push(r);
    else if (same(before, r)) unchanged++;
    else replaced.push({ before, after: r });
  }
  const keptRules = current.filter((r) => !sheetTargets.has(r.target));
  // The current order first (replaced in place), new rules after it.
  const after = new Map(imported.map((r) => [r.target, r]));
  const result = [...current.map((r) => after.get(r.target) ?? r), ...added];
  return { added, replaced, unchanged, kept: keptRules.length, result };
}

export interface RowProblem {
  readonly row: number;
  readonly message: string;
}

/** Row problems from an import error's details (the engine lists each bad row). */
export function rowProblems(details: unknown): RowProblem[] {
  const issues = typeof details === 'object' && details !== null ? (details as { issues?: unknown }).issues : undefined;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i): RowProblem[] => {
    if (typeof i !== 'object' || i === null) return [];
    const r = i as { row?: unknown; message?: unknown };
    return typeof r.row === 'number' && typeof r.message === 'string' ? [{ row: r.row, message: r.message }] : [];
  });
}
