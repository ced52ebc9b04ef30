import type { FieldInfo } from './fields';

// What sample values look like, and what a target expects, in a handful of shapes people use
// to tell fields apart at a glance: an email, a date, a person's name, a company, a code.

export type Shape = 'email' | 'date' | 'number' | 'integer' | 'boolean' | 'person' | 'company' | 'code' | 'id' | 'text';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/;
const COMPANY = /\b(inc|llc|ltd|limited|co|corp|corporation|company|gmbh|ag|sa|bv|plc|group|traders|supply|industries|holdings)\.?$/i;
const PERSON_WORD = /^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|van|von|der|den|de|del|da|di|du|la|le|ter|ten|bin|al|Dr\.|Mr\.|Mrs\.|Ms\.|Jr\.?|Sr\.?)$/;
// Capitalised status and list values ("Pending Receipt", "High") are not people.
const NOT_NAMES = new Set([
  'pending', 'receipt', 'approval', 'approved', 'closed', 'open', 'billed', 'received', 'partially', 'fully', 'rejected',
  'cancelled', 'canceled', 'high', 'medium', 'low', 'dollar', 'euro', 'pound', 'status', 'order', 'invoice', 'bill',
  'inventory', 'item', 'part', 'service', 'standard', 'express', 'ground', 'new', 'draft', 'paid', 'unpaid', 'active', 'inactive',
]);
const CODE = /^(?=.*[A-Za-z])[A-Z0-9][A-Z0-9_./-]{1,39}$/;

export function shapeOf(v: string | number | boolean): Shape {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  const s = v.trim();
  if (EMAIL.test(s)) return 'email';
  if (DATE.test(s)) return 'date';
  if (/^\d+$/.test(s)) return 'id';
  if (COMPANY.test(s)) return 'company';
  const ws = s.replace(/,/g, ' ').split(/\s+/).filter((w) => w !== '');
  if (ws.length >= 2 && ws.length <= 5 && ws.every((w) => PERSON_WORD.test(w) && !NOT_NAMES.has(w.toLowerCase()))) return 'person';
  if (CODE.test(s)) return 'code';
  return 'text';
}

/** Share of a field's examples that have one of the shapes. */
export function shapeMatch(field: FieldInfo, wanted: readonly Shape[]): number {
  if (field.examples.length === 0) return 0;
  let hits = 0;
  for (const ex of field.examples) {
    const s = shapeOf(ex);
    if (wanted.includes(s) || (s === 'integer' && wanted.includes('number'))) hits += 1;
  }
  return hits / field.examples.length;
}

/** The shapes a target expects, from its concept or its declared type; null when unknown. */
export function expectedShapes(concept: string | null, type: string | undefined): Shape[] | null {
  switch (type) {
    case 'number':
      return ['number', 'integer'];
    case 'integer':
      return ['integer'];
    case 'boolean':
      return ['boolean'];
    case 'date':
      return ['date'];
    default:
      break;
  }
  switch (concept) {
    case 'first_name':
    case 'last_name':
    case 'full_name':
      return ['person'];
    case 'company':
      return ['company'];
    case 'email':
      return ['email'];
    case 'sku':
      return ['code'];
    case 'order_number':
    case 'external_id':
      return ['code', 'id'];
    case 'quantity':
      return ['integer', 'number'];
    case 'unit_price':
    case 'amount':
    case 'total':
      return ['number', 'integer'];
    case 'description':
    case 'memo':
      return ['text', 'company', 'person'];
    case 'order_date':
      return ['date'];
    default:
      return null;
  }
}

export const SHAPE_WORDS: Record<Shape, string> = {
  email: 'email addresses',
  date: 'dates',
  number: 'numbers',
  integer: 'whole numbers',
  boolean: 'yes/no values',
  person: "people's names",
  company: 'company names',
  code: 'codes',
  id: 'numeric ids',
  text: 'text',
};
