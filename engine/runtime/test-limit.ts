import type { RunState } from './run-loop';

// A test sync runs on a few records: a loop iterates at most the run's test record limit, whatever
// produced its list (a NetSuite read applies the limit itself; Your App shipments, a SuiteQL
// result or a Custom Code list do not), and its journaled step says so, so a user reading "2 steps"
// knows the list was longer.

export interface LimitedItems {
  readonly items: readonly unknown[];
  /** "2 of 250 items, test sync limit", or null when every item runs. */
  readonly note: string | null;
}

export function limitItemsForTest(state: Pick<RunState, 'mode' | 'testRecordLimit'>, items: readonly unknown[]): LimitedItems {
  const limit = state.mode === 'test' ? state.testRecordLimit : null;
  if (limit === null || items.length <= limit) return { items, note: null };
  return { items: items.slice(0, limit), note: `${limit} of ${items.length} items, test sync limit` };
}
