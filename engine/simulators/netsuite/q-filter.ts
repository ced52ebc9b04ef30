import type { SimAccount, SimOrder } from './model';
import { invalidParameter } from './ns-errors';
import { recordDateTime } from './render';

// The `q` filter subset (reference §3a): `field OPERATOR value`, AND binding tighter than OR,
// parentheses, quoted values, `[a, b]` lists; dates in the account's M/D/YYYY format.

type Pred = (o: SimOrder) => boolean;

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) throw invalidParameter(`Invalid search query: unterminated quoted value in q.`, 'q');
      out.push({ kind: 'string', text: q.slice(i + 1, end) });
      i = end + 1;
    } else if ('()[],'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      let j = i;
      while (j < q.length && !/[\s()[\],"]/.test(q[j] as string)) j++;
      out.push({ kind: 'word', text: q.slice(i, j) });
      i = j;
    }
  }
  return out;
}

const dateFields = new Set(['lastModifiedDate', 'tranDate', 'createdDate']);
const textFields = new Set(['tranId', 'externalId', 'memo', 'email']);

/** `3/1/2025` → UTC day start (ms). Anything else is "Unparseable date", as NetSuite says. */
export function parseUsDate(text: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const ms = m ? Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[2])) {
    throw invalidParameter(`Invalid query parameter value: Unparseable date: "${text}"`, 'q');
  }
  return ms;
}

function dayOf(o: SimOrder, field: string): number {
  const iso = field === 'tranDate' ? o.tranDate : recordDateTime(field === 'createdDate' ? o.createdMs : o.modifiedMs);
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function textOf(o: SimOrder, field: string, account: SimAccount): string {
  if (field === 'tranId') return o.tranId;
  if (field === 'externalId') return o.externalId ?? '';
  if (field === 'memo') return o.memo ?? '';
  if (field === 'email') return o.email ?? '';
  const v = o.custom[field];
  void account;
  return v === undefined ? '' : String(v);
}

export function compileQ(q: string, account: SimAccount): Pred {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) throw invalidParameter('Invalid search query: the q expression ended too early.', 'q');
    return t;
  };
  const value = (): string => {
    const t = next();
    if (t.kind === 'punct') throw invalidParameter(`Invalid search query: expected a value, found "${t.text}".`, 'q');
    return t.text;
  };
  const list = (): string[] => {
    if (next().text !== '[') throw invalidParameter('Invalid search query: expected "[".', 'q');
    const vals: string[] = [];
    while (peek()?.text !== ']') {
      vals.push(value());
      if (peek()?.text === ',') pos++;
    }
    pos++;
    return vals;
  };

  const condition = (): Pred => {
    const field = value();
    const op = value().toUpperCase();
    const negate = op.endsWith('_NOT') && op !== 'EMPTY_NOT';
    const base = negate ? op.slice(0, -4) : op;
    const wrap = (p: Pred): Pred => (negate ? (o) => !p(o) : p);
    if (dateFields.has(field)) {
      const day = parseUsDate(value());
      const cmp: Record<string, (d: number) => boolean> = {
        ON: (d) => d === day,
        AFTER: (d) => d > day,
        BEFORE: (d) => d < day,
        ON_OR_AFTER: (d) => d >= day,
        ON_OR_BEFORE: (d) => d <= day,
      };
      const f = cmp[base];
      if (!f) throw invalidParameter(`Invalid search query: operator ${op} is not valid for date field ${field}.`, 'q');
      return wrap((o) => f(dayOf(o, field)));
    }
    if (field === 'id' || field === 'entity') {
      const get = (o: SimOrder): number => Number(field === 'id' ? o.id : o.entityId);
      if (base === 'ANY_OF') {
        const set = new Set(list().map(Number));
        return wrap((o) => set.has(get(o)));
      }
      if (base === 'BETWEEN') {
        const [a, b] = list().map(Number);
        return wrap((o) => get(o) >= (a ?? 0) && get(o) <= (b ?? 0));
      }
      const n = Number(value());
      const cmp: Record<string, (v: number) => boolean> = {
        EQUAL: (v) => v === n,
        GREATER: (v) => v > n,
        GREATER_OR_EQUAL: (v) => v >= n,
        LESS: (v) => v < n,
        LESS_OR_EQUAL: (v) => v <= n,
      };
      const f = cmp[base];
      if (!f) throw invalidParameter(`Invalid search query: operator ${op} is not valid for field ${field}.`, 'q');
      return wrap((o) => f(get(o)));
    }
    const isCustomText = account.customFields.some((f) => f.id === field && f.scope === 'body' && f.filterable);
    if (textFields.has(field) || isCustomText) {
      if (op === 'EMPTY') return (o) => textOf(o, field, account) === '';
      if (op === 'EMPTY_NOT') return (o) => textOf(o, field, account) !== '';
      const v = value().toLowerCase();
      const cmp: Record<string, (s: string) => boolean> = {
        IS: (s) => s === v,
        CONTAIN: (s) => s.includes(v),
        START_WITH: (s) => s.startsWith(v),
        END_WITH: (s) => s.endsWith(v),
      };
      const f = cmp[base];
      if (!f) throw invalidParameter(`Invalid search query: operator ${op} is not valid for text field ${field}.`, 'q');
      return wrap((o) => f(textOf(o, field, account).toLowerCase()));
    }
    throw invalidParameter(`Invalid search query: the field ${field} is not filterable or does not exist.`, 'q');
  };

  const primary = (): Pred => {
    if (peek()?.text === '(') {
      pos++;
      const inner = orExpr();
      if (next().text !== ')') throw invalidParameter('Invalid search query: missing ")".', 'q');
      return inner;
    }
    return condition();
  };
  const andExpr = (): Pred => {
    const parts = [primary()];
    while (peek()?.kind === 'word' && peek()?.text.toUpperCase() === 'AND') {
      pos++;
      parts.push(primary());
    }
    return (o) => parts.every((p) => p(o));
  };
  const orExpr = (): Pred => {
    const parts = [andExpr()];
    while (peek()?.kind === 'word' && peek()?.text.toUpperCase() === 'OR') {
      pos++;
      parts.push(andExpr());
    }
    return (o) => parts.some((p) => p(o));
  };
  const pred = orExpr();
  if (pos < tokens.length) throw invalidParameter(`Invalid search query: unexpected "${tokens[pos]?.text}".`, 'q');
  return pred;
}
