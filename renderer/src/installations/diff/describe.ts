import type { Edge } from '../../../../engine/api';
import type { FieldChange } from '../../../../engine/model/diff-schema';
import { shortJson } from '../format';

// Words for the parts of a structural diff, shared by the change list and the rebase view.

export function edgeText(e: Edge, names: ReadonlyMap<string, string>): string {
  const from = names.get(e.from) ?? e.from;
  const to = names.get(e.to) ?? e.to;
  return e.port === 'out' ? `${from} → ${to}` : `${from} —${e.port}→ ${to}`;
}

/** `config.body.customer: "a" → "b"`, `config.x added: 1`, `config.y removed (was 2)`. */
export function fieldText(c: FieldChange): { field: string; change: string } {
  switch (c.op) {
    case 'added':
      return { field: c.field, change: `added: ${shortJson(c.new)}` };
    case 'removed':
      return { field: c.field, change: `removed (was ${shortJson(c.old)})` };
    case 'reordered':
      return { field: c.field, change: 'reordered' };
    default:
      return { field: c.field, change: `${shortJson(c.old)} → ${shortJson(c.new)}` };
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
