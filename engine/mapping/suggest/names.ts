import type { Segment } from '../../shared/path';

// Field names as comparable tokens: camelCase, snake_case and digits split; NetSuite's custom
// field prefixes (custbody, custcol…) removed and remembered; reference facets (`refName`, `id`)
// set aside so `entity.refName` is named by `entity`; phrases mapped to shared concepts.

const CUSTOM_PREFIXES = new Set(['custbody', 'custcol', 'custentity', 'custitem', 'custrecord', 'custevent', 'cust', 'custom']);
const FACETS: Record<string, Facet> = { refname: 'name', name: 'name', text: 'name', id: 'id', internalid: 'id', value: 'value' };
const PLURALS: Record<string, string> = { items: 'item', lines: 'line', quantities: 'quantity', orders: 'order', products: 'product', qtys: 'qty' };

/** Token synonyms; the issue names qty/quantity, sku/item and rate/unit cost. */
const TOKEN_SYNONYMS: Record<string, string> = {
  qty: 'quantity',
  sku: 'item',
  product: 'item',
  amt: 'amount',
  desc: 'description',
  tran: 'order',
  transaction: 'order',
  po: 'order',
  no: 'number',
  num: 'number',
  nr: 'number',
  supplier: 'vendor',
  mail: 'email',
  tel: 'phone',
  telephone: 'phone',
  addr: 'address',
  dt: 'date',
  cost: 'rate',
  price: 'rate',
};

/** Phrases that mean the same field, whatever the words. */
const CONCEPTS: Record<string, readonly string[]> = {
  order_number: ['tran id', 'tranid', 'order id', 'order number', 'order no', 'po number', 'po no', 'po id', 'document number', 'transaction number', 'transaction id', 'external order id', 'order reference', 'order ref'],
  external_id: ['external id', 'externalid', 'ext id'],
  quantity: ['quantity', 'qty', 'qty ordered', 'ordered quantity', 'order quantity', 'units ordered'],
  unit_price: ['rate', 'unit cost', 'unit price', 'price', 'cost', 'price per unit', 'cost per unit', 'item rate'],
  description: ['description', 'desc', 'product name', 'item name', 'item description', 'product description', 'line description', 'title', 'memo line'],
  sku: ['sku', 'item', 'item sku', 'itemsku', 'item number', 'item code', 'product code', 'product sku', 'part number', 'article number'],
  email: ['email', 'e mail', 'email address', 'mail'],
  first_name: ['first name', 'firstname', 'given name', 'forename'],
  last_name: ['last name', 'lastname', 'surname', 'family name'],
  full_name: ['full name', 'fullname', 'contact name', 'person name'],
  company: ['vendor', 'supplier', 'company', 'subsidiary', 'organization', 'organisation', 'business', 'company name', 'vendor name', 'supplier name', 'legal entity'],
  amount: ['amount', 'line amount', 'line total', 'extended price', 'total price'],
  total: ['total', 'order total', 'grand total', 'total amount'],
  currency: ['currency', 'currency code'],
  order_date: ['tran date', 'trandate', 'order date', 'po date', 'transaction date', 'date'],
  memo: ['memo', 'note', 'notes', 'comment', 'comments', 'remarks'],
  priority: ['priority', 'shipping priority', 'ship priority'],
};

const CONCEPT_BY_PHRASE = new Map<string, string>();
for (const [concept, phrases] of Object.entries(CONCEPTS)) for (const p of phrases) CONCEPT_BY_PHRASE.set(p, concept);

/** Tokens that say little on their own: they count, but less. */
const WEAK = new Set(['id', 'name', 'number', 'ref', 'field', 'value', 'code', 'external', 'type', 'line', 'item', 'data', 'info']);

export type Facet = 'name' | 'id' | 'value';

export interface NameInfo {
  /** Canonical tokens of the field's own name (after facets and custom prefixes). */
  readonly tokens: readonly string[];
  /** Canonical tokens of the enclosing keys, weaker evidence. */
  readonly context: readonly string[];
  readonly concept: string | null;
  readonly facet: Facet | null;
  readonly custom: boolean;
  /** The trailing number of `custom_field_2`, for ordinal matching. */
  readonly ordinal: number | null;
  /** Words for the reason text, e.g. "unit cost". */
  readonly phrase: string;
}

export function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => PLURALS[w] ?? w);
}

const canon = (w: string): string => TOKEN_SYNONYMS[w] ?? w;

export function conceptOf(ws: readonly string[]): string | null {
  if (ws.length === 0) return null;
  return CONCEPT_BY_PHRASE.get(ws.join(' ')) ?? CONCEPT_BY_PHRASE.get(ws.filter((w) => !/^\d+$/.test(w)).join(' ')) ?? null;
}

export function describeName(segs: readonly Segment[], label?: string): NameInfo {
  const keys = segs.flatMap((s) => (s.kind === 'key' ? [s.key] : []));
  let nameKey = keys[keys.length - 1] ?? '';
  let contextKeys = keys.slice(0, -1);
  let facet: Facet | null = null;
  const leafFacet = FACETS[nameKey.toLowerCase()];
  if (leafFacet && keys.length >= 2) {
    facet = leafFacet;
    nameKey = keys[keys.length - 2] ?? '';
    contextKeys = keys.slice(0, -2);
  }
  let ws = words(nameKey);
  let custom = false;
  if (ws.length > 0 && CUSTOM_PREFIXES.has(ws[0] ?? '')) {
    custom = true;
    ws = ws.slice(1);
  }
  const ordinalWord = ws.length > 0 && /^\d+$/.test(ws[ws.length - 1] ?? '') ? ws[ws.length - 1] : undefined;
  const labelWords = label ? words(label) : [];
  const own = labelWords.length > 0 ? [...ws.filter((w) => w !== 'field' && !/^\d+$/.test(w)), ...labelWords] : ws;
  const concept = conceptOf(labelWords) ?? conceptOf(ws);
  return {
    tokens: [...new Set(own.filter((w) => !(custom && w === 'field') && !/^\d+$/.test(w)).map(canon))],
    context: [...new Set(contextKeys.flatMap(words).map(canon))],
    concept,
    facet,
    custom,
    ordinal: ordinalWord ? Number(ordinalWord) : null,
    phrase: (labelWords.length > 0 ? labelWords : ws).join(' '),
  };
}

const weight = (t: string): number => (WEAK.has(t) ? 0.35 : 1);

/** Dice similarity of two weighted token sets, with context tokens at a third of their weight. */
export function tokenSimilarity(a: NameInfo, b: NameInfo): number {
  const bag = (n: NameInfo): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of n.context) m.set(t, weight(t) / 3);
    for (const t of n.tokens) m.set(t, weight(t));
    return m;
  };
  const A = bag(a);
  const B = bag(b);
  let shared = 0;
  let total = 0;
  for (const [t, w] of A) {
    total += w;
    const other = B.get(t);
    if (other !== undefined) shared += Math.min(w, other) * 2;
  }
  for (const w of B.values()) total += w;
  return total === 0 ? 0 : shared / total;
}
