import type { ComponentType } from 'react';
import type { Block, ValidationIssue } from '../../../engine/api';

export interface FormProps {
  readonly block: Block;
  readonly config: Readonly<Record<string, unknown>>;
  /** Merges into the config; consecutive edits of the same keys form one undo step. */
  update(patch: Readonly<Record<string, unknown>>): void;
  replace(config: Readonly<Record<string, unknown>>): void;
  readonly issues: readonly ValidationIssue[];
}

export type BlockForm = ComponentType<FormProps>;

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function strRecord(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' ? val : JSON.stringify(val);
  return out;
}

/** Issues the engine reported for one config field (paths like `config.url` or `url.0`). */
export function fieldIssues(issues: readonly ValidationIssue[], field: string): string[] {
  return issues
    .filter((i) => {
      const p = (i.path ?? '').replace(/^config[./]/, '');
      return p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`) || p.startsWith(`${field}/`);
    })
    .map((i) => i.message);
}
