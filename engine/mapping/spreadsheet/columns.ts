// Header names people put on mapping sheets vary ("Your App", "YourApp", "Target field",
// "NetSuite", "Source path"…). Headers are compared without case, spaces or punctuation, first
// exactly against known names, then by containment, so "Your App field" still finds the target.

export type Column = 'target' | 'source' | 'transform' | 'default' | 'note' | 'id';

const NAMES: Record<Column, readonly string[]> = {
  target: ['target', 'yourapp', 'app', 'to', 'destination', 'targetfield', 'targetpath', 'output', 'maps to', 'vendor app'],
  source: ['source', 'netsuite', 'ns', 'from', 'sourcefield', 'sourcepath', 'erp', 'input', 'netsuitefield'],
  transform: ['transform', 'transforms', 'transformation', 'transformations', 'function', 'functions', 'conversion'],
  default: ['default', 'defaultvalue', 'fallback', 'ifempty'],
  note: ['note', 'notes', 'comment', 'comments', 'description', 'remarks'],
  id: ['id', 'ruleid', 'key'],
};

// Containment needs longer, distinctive fragments: "to" would match "total".
const FRAGMENTS: Record<Column, readonly string[]> = {
  target: ['target', 'yourapp', 'destination'],
  source: ['source', 'netsuite', 'erp'],
  transform: ['transform', 'conversion'],
  default: ['default', 'fallback'],
  note: ['note', 'comment', 'remark'],
  id: ['ruleid'],
};

export const normalizeHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export const COLUMN_ORDER: readonly Column[] = ['target', 'source', 'transform', 'default', 'note', 'id'];

/** Column index per kind; the first matching header wins and each header is used once. */
export function matchColumns(header: readonly string[]): Partial<Record<Column, number>> {
  const norm = header.map(normalizeHeader);
  const found: Partial<Record<Column, number>> = {};
  const used = new Set<number>();
  const claim = (col: Column, test: (h: string) => boolean): void => {
    if (found[col] !== undefined) return;
    const i = norm.findIndex((h, idx) => !used.has(idx) && h !== '' && test(h));
    if (i >= 0) {
      found[col] = i;
      used.add(i);
    }
  };
  for (const col of COLUMN_ORDER) claim(col, (h) => NAMES[col].map(normalizeHeader).includes(h));
  for (const col of COLUMN_ORDER) claim(col, (h) => FRAGMENTS[col].some((f) => h.includes(f)));
  return found;
}

export const EXPORT_HEADER: Record<Column, string> = {
  target: 'Target',
  source: 'Source',
  transform: 'Transform',
  default: 'Default',
  note: 'Note',
  id: 'Id',
};
