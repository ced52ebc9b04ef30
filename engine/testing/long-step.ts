import type { WorkflowDocInput } from '../model/workflow';

/**
 * A run whose one step computes for seconds without a pause (JSONata never yields to the event
 * loop): what would hold up the API if runs shared its thread. `n` sets how long (300,000 is
 * about two seconds here).
 */
export function longStepDoc(n: number): WorkflowDocInput {
  return {
    name: 'One long step',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
      { id: 'busy', kind: 'branch', config: { mode: 'expression', expression: `$count($filter([1..${n}], function($v) { $v % 7 = 0 })) > 0` } },
    ],
    edges: [{ id: 'e1', from: 'trigger', to: 'busy', port: 'out' }],
  };
}
