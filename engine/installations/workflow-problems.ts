import type { ActivationProblem } from '../api/methods/lifecycle';
import { validateWorkflow } from '../model/validate';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from '../runtime/blocks/registry';

// What activation checks in the documents an installation would run: a workflow that cannot do
// its job (a block nothing leads to, a validation error) would otherwise "succeed" doing nothing,
// and a backfill that succeeds moves the listeners' start past every historical order.

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The problems of one effective workflow version, named so a person can find them on the canvas. */
export function workflowProblems(workflowId: string, name: string, doc: WorkflowDoc): ActivationProblem[] {
  const { issues } = validateWorkflow(doc, blockCatalog);
  const problems: ActivationProblem[] = [];
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    problems.push({ kind: 'workflow', workflowId, message: `"${name}" has ${errors.length} problem(s): ${errors.map((i) => i.message).join(' ')} Fix them in its editor, then activate.` });
  }
  const blockName = (id: string | null) => doc.blocks.find((b) => b.id === id)?.name || id || '';
  const unreachable = issues.filter((i) => i.code === 'unreachable').map((i) => blockName(i.blockId));
  if (unreachable.length > 0) {
    const [they, them] = unreachable.length === 1 ? ['it', 'it'] : ['they', 'them'];
    problems.push({
      kind: 'workflow', workflowId,
      message: `In "${name}", nothing leads to ${quoted(unreachable)} from the Trigger, so ${they} would never run: connect ${them} (or delete ${them}), then activate.`,
    });
  }
  return problems;
}

/** A backfill still held by its Stop block must not be activated past: see LifecycleService.preview. */
export function heldBackfillProblem(workflowId: string, name: string, heldBy: string): ActivationProblem {
  return {
    kind: 'held_backfill', workflowId,
    message: `"${name}" is still held by its Stop block "${heldBy}": agree the mapping with the customer, remove "${heldBy}" in the customer's version of "${name}", then activate.`,
  };
}
