import { SqlError } from './sql-errors';

// SuiteQL tokens: identifiers (dotted, e.g. BUILTIN.DF, t.id or t.*), numbers, '' strings,
// comparison operators ('op'), arithmetic ('ar') and punctuation ('p', including `*`).

export type Tok = { t: 'id' | 'num' | 'str' | 'op' | 'ar' | 'p' | 'q'; v: string };

export function lex(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new SqlError('unterminated /* comment');
      i = end + 2;
    }
    else if (c === "'") {
      let s = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlError('unterminated string literal');
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            s += "'";
            j += 2;
            continue;
          }
          break;
        }
        s += sql[j];
        j++;
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql[i + 1] ?? '') && out[out.length - 1]?.t === 'op')) {
      const m = /^-?\d+(\.\d+)?/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)*(\.\*)?/.exec(sql.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) throw new SqlError('unterminated quoted identifier');
      out.push({ t: 'id', v: sql.slice(i + 1, end) });
      i = end + 1;
    } else if ('<>!='.includes(c)) {
      const two = sql.slice(i, i + 2);
      const op = ['<=', '>=', '<>', '!='].includes(two) ? two : c;
      out.push({ t: 'op', v: op === '<>' ? '!=' : op });
      i += op.length;
    } else if ('+-/'.includes(c)) {
      out.push({ t: 'ar', v: c });
      i++;
    } else if ('(),*'.includes(c)) {
      out.push({ t: 'p', v: c });
      i++;
    } else if (c === '?') {
      out.push({ t: 'q', v: '?' });
      i++;
    } else if (c === ';' && sql.slice(i + 1).trim() === '') i++;
    else throw new SqlError(`unexpected character "${c}"`);
  }
  return out;
}

