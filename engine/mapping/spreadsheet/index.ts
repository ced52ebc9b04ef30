import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { mappingError } from '../errors';
import type { Rule } from '../rules';
import { rowsToRules, rulesToRows, type RowIssue } from './rows';

// Mapping sheets in and out. Limits are generous for a mapping (a few hundred rows) and small
// enough that a wrong file (a data export, a binary) is refused quickly with a clear code.

export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;

export type SheetFormat = 'csv' | 'xlsx';

export interface ImportOptions {
  /** Used to pick the format when `format` is not given. */
  readonly fileName?: string;
  readonly format?: SheetFormat;
  /** Rules already in the block: a row with the same target keeps that rule's id. */
  readonly existing?: readonly Rule[];
}

export interface ImportResult {
  readonly rules: Rule[];
  readonly format: SheetFormat;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function detectFormat(bytes: Uint8Array, opts: ImportOptions): SheetFormat {
  if (opts.format) return opts.format;
  const name = opts.fileName?.toLowerCase() ?? '';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.xls') || name.endsWith('.numbers') || name.endsWith('.ods')) {
    throw mappingError('mapping_import_unsupported_format', `${opts.fileName} is not supported; save the sheet as .xlsx or .csv`);
  }
  return ZIP_MAGIC.every((b, i) => bytes[i] === b) ? 'xlsx' : 'csv';
}

function csvRows(bytes: Uint8Array): string[][] {
  if (bytes.length > MAX_CSV_BYTES) {
    throw mappingError('mapping_import_too_large', `the CSV is ${(bytes.length / 1048576).toFixed(1)} MB; a mapping sheet may be at most ${MAX_CSV_BYTES / 1048576} MB`);
  }
  if (bytes.includes(0)) throw mappingError('mapping_import_bad_file', 'the file holds binary data, not CSV text');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw mappingError('mapping_import_empty');
  // Empty lines are kept (and skipped later) so row numbers in errors match the sheet.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw mappingError('mapping_import_bad_file', `CSV row ${(fatal.row ?? 0) + 1}: ${fatal.message}`, { row: (fatal.row ?? 0) + 1 });
  }
  return parsed.data;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return cell.text;
}

/** exceljs is large; it loads on the first XLSX import or export, not with every engine start. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  if (bytes.length > MAX_XLSX_BYTES) {
    throw mappingError('mapping_import_too_large', `the workbook is ${(bytes.length / 1048576).toFixed(1)} MB; a mapping sheet may be at most ${MAX_XLSX_BYTES / 1048576} MB`);
  }
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) throw mappingError('mapping_import_bad_file', 'the file is named .xlsx but is not an Excel workbook');
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw mappingError('mapping_import_bad_file', `the workbook cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown error'})`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw mappingError('mapping_import_empty', 'the workbook has no sheets');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

function rowError(issues: readonly RowIssue[]): Error {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const code = first?.code === 'mapping_import_row_invalid' || !first ? 'mapping_import_row_invalid' : first.code;
  return mappingError(code as 'mapping_import_row_invalid', `${first?.message ?? 'a row is invalid'}${more}`, { issues });
}

export async function importMapping(data: Uint8Array | string, opts: ImportOptions = {}): Promise<ImportResult> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length === 0) throw mappingError('mapping_import_empty');
  const format = detectFormat(bytes, opts);
  const rows = format === 'xlsx' ? await xlsxRows(bytes) : csvRows(bytes);
  const { rules, issues } = rowsToRules(rows, opts.existing);
  if (issues.length > 0) throw rowError(issues);
  return { rules, format };
}

export async function exportMapping(rules: readonly Rule[], format: SheetFormat): Promise<Uint8Array> {
  const rows = rulesToRows(rules);
  if (format === 'csv') return new TextEncoder().encode(Papa.unparse(rows, { newline: '\n' }) + '\n');
  const wb = new (await loadExcel()).Workbook();
  const sheet = wb.addWorksheet('Mapping');
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = i < 3 ? 40 : 24;
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
