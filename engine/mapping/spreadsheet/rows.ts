import { ChainSyntaxError, formatChain, parseChain, splitTopLevel } from '../../shared/chain';
import { mappingError, type MappingIssue } from '../errors';
import { planMapping } from '../plan';
import { mappingRulesSchema, type Rule, type RuleInput, type TransformStep } from '../rules';
import { schemaIssues } from '../compiled';
import { generateRuleId } from '../../shared/rule-id';
import { COLUMN_ORDER, EXPORT_HEADER, matchColumns, type Column } from './columns';
import { isPatchbayError, jsonTooDeep } from '../../errors/patchbay-error';
import { parseJsonWithin } from '../../shared/json-depth';

// Sheet rows ⇄ rules. Row numbers in errors are the spreadsheet's (header = its own row number),
// so an analyst can go straight to the cell.

export interface RowIssue {
  readonly row: number;
  readonly column?: Column;
  readonly code: string;
  readonly message: string;
}

export const MAX_ROWS = 5000;

const NAME_PARTS: Record<number, readonly string[]> = { 2: ['first', 'last'], 3: ['first', 'middle', 'last'] };

/** Comma-separated parts; unbalanced text stays one part so the path parser can point at it. */
function parts(text: string): string[] {
  try {
    return splitTopLevel(text, ',').map(([t]) => t.trim());
  } catch {
    return [text.trim()];
  }
}

function listCell(text: string): string[] {
  return parts(text).filter((t) => t !== '');
}

function valueCell(text: string, row: number): unknown {
  try {
    return parseJsonWithin(text, () => jsonTooDeep(`The default cell of row ${row}`));
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    return text;
  }
}

/** Gives each multi-target row's rules their own part: splitName → first/last, split(sep) → 0, 1… */
function spreadChain(chain: readonly TransformStep[], count: number, row: number): TransformStep[][] | RowIssue {
  const at = chain.findIndex((s) => (s.name === 'splitName' && s.args.length === 0) || (s.name === 'split' && s.args.length === 1));
  if (at < 0) {
    return {
      row,
      column: 'transform',
      code: 'mapping_import_row_invalid',
      message: `row ${row} lists ${count} targets; add splitName or split(",") to the transform to say how the value divides`,
    };
  }
  const step = chain[at] as TransformStep;
  const parts = step.name === 'splitName' ? NAME_PARTS[count] : Array.from({ length: count }, (_v, i) => i);
  if (!parts) {
    return { row, column: 'target', code: 'mapping_import_row_invalid', message: `row ${row}: splitName divides a name into 2 or 3 targets, not ${count}` };
  }
  return parts.map((p) => chain.map((s, i) => (i === at ? { name: s.name, args: [...s.args, p] } : s)));
}

// A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection), so
// export prefixes such cells with an apostrophe, which spreadsheets hide and import removes.
const FORMULA_START = /^[=+\-@\t\r]/;
// A cell that itself starts with an apostrophe gets one more, so the round trip is exact.
const guard = (text: string): string => (FORMULA_START.test(text) || text.startsWith("'") ? `'${text}` : text);
const unguard = (text: string): string =>
  text.startsWith("'") && (FORMULA_START.test(text.slice(1)) || text[1] === "'") ? text.slice(1) : text;

export function rowsToRules(rows: readonly (readonly string[])[], existing: readonly Rule[] = []): { rules: Rule[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const firstAt = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (firstAt < 0) throw mappingError('mapping_import_empty');
  // Sheets often start with a title row or two; the header is the first row naming a target.
  const found = rows.slice(firstAt, firstAt + 10).findIndex((r) => matchColumns(r).target !== undefined);
  const headerAt = found < 0 ? firstAt : firstAt + found;
  const header = rows[headerAt] as readonly string[];
  const cols = matchColumns(header);
  if (cols.target === undefined) {
    throw mappingError('mapping_import_no_target_column', `no target column in the header (${header.map((h) => JSON.stringify(h)).join(', ')}); name one "Target" or "Your App"`, {
      row: headerAt + 1,
      header,
    });
  }
  if (rows.length - headerAt - 1 > MAX_ROWS) throw mappingError('mapping_import_too_large', `a mapping sheet may have at most ${MAX_ROWS} rows`);
  const idByTarget = new Map(existing.map((r) => [r.target, r.id]));
  const usedIds = new Set<string>();
  const uniqueId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; usedIds.has(id); n++) id = `${wanted}_${n}`;
    usedIds.add(id);
    return id;
  };
  const drafts: { row: number; rule: RuleInput }[] = [];
  rows.slice(headerAt + 1).forEach((cells, offset) => {
    const row = headerAt + 2 + offset;
    const cell = (c: Column): string => unguard(cols[c] === undefined ? '' : (cells[cols[c] as number] ?? '').trim());
    if (COLUMN_ORDER.every((c) => cell(c) === '')) return;
    const targets = listCell(cell('target'));
    if (targets.length === 0) {
      issues.push({ row, column: 'target', code: 'mapping_import_row_invalid', message: `row ${row} has no target` });
      return;
    }
    let chain: TransformStep[];
    try {
      chain = parseChain(cell('transform'));
    } catch (e) {
      const why = e instanceof ChainSyntaxError ? e.message : String(e);
      issues.push({ row, column: 'transform', code: 'mapping_import_row_invalid', message: `row ${row}, transform: ${why}` });
      return;
    }
    const base: Partial<RuleInput> = {};
    const src = cell('source');
    if (src.startsWith('=')) base.expr = src.slice(1).trim();
    else if (src !== '') {
      const list = parts(src).length > 1 ? listCell(src) : null;
      if (list) base.sources = list;
      else base.source = src;
    } else if (chain[0]?.name === 'constant' && chain[0].args.length === 1) {
      base.constant = chain[0].args[0] as RuleInput['constant'];
      chain = chain.slice(1);
    } else {
      issues.push({ row, column: 'source', code: 'mapping_import_row_invalid', message: `row ${row} has no source; give a path, =expression, or constant(value) as the transform` });
      return;
    }
    const def = cell('default');
    if (def !== '') base.default = valueCell(def, row) as RuleInput['default'];
    const note = cell('note');
    if (note !== '') base.note = note;
    const ids = targets.length > 1 ? listCell(cell('id')) : [cell('id')].filter((id) => id !== '');
    const chains = targets.length === 1 ? [chain] : spreadChain(chain, targets.length, row);
    if (!Array.isArray(chains)) {
      issues.push(chains);
      return;
    }
    targets.forEach((target, i) => {
      // A re-imported sheet keeps the ids of rules it already had (by id column, else by target).
      const id = uniqueId(ids[i] ?? idByTarget.get(target) ?? generateRuleId(target));
      drafts.push({ row, rule: { ...base, id, target, transforms: chains[i] ?? [] } as RuleInput });
    });
  });
  if (drafts.length === 0 && issues.length === 0) throw mappingError('mapping_import_empty', 'the sheet has a header but no rules under it');
  const parsed = mappingRulesSchema.safeParse(drafts.map((d) => d.rule));
  const rowOf = (issue: MappingIssue): number => drafts.find((d) => d.rule.id === issue.ruleId)?.row ?? 0;
  if (!parsed.success) {
    for (const iss of schemaIssues(drafts.map((d) => d.rule), parsed.error)) issues.push({ row: rowOf(iss), code: 'mapping_import_row_invalid', message: `row ${rowOf(iss)}: ${iss.message}` });
    return { rules: [], issues };
  }
  for (const iss of planMapping(parsed.data).issues) {
    const row = rowOf(iss);
    issues.push({ row, code: iss.code, message: `row ${row}: ${iss.message}` });
  }
  return { rules: parsed.data, issues };
}

function defaultCell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') {
    // Cells are trimmed on import: text with outer spaces is written as JSON to keep them.
    if (v !== v.trim() || v === '') return JSON.stringify(v);
    // Text that would read back as JSON (a number, true…) is quoted so it stays text.
    try {
      JSON.parse(v);
      return JSON.stringify(v);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v);
}

export function rulesToRows(rules: readonly Rule[]): string[][] {
  const rows: string[][] = [COLUMN_ORDER.map((c) => EXPORT_HEADER[c])];
  for (const r of rules) {
    let source = '';
    let chain = r.transforms;
    if (r.source !== undefined) source = r.source;
    else if (r.sources !== undefined) source = r.sources.length === 1 ? `${r.sources[0]},` : r.sources.join(', ');
    else if (r.expr !== undefined) source = `=${r.expr}`;
    else chain = [{ name: 'constant', args: [r.constant ?? null] }, ...chain];
    const cells: Record<Column, string> = {
      target: r.target,
      source,
      transform: formatChain(chain),
      default: defaultCell(r.default),
      note: r.note ?? '',
      id: r.id,
    };
    rows.push(COLUMN_ORDER.map((c) => guard(cells[c])));
  }
  return rows;
}
