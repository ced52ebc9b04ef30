import { PatchbayError } from '../errors/patchbay-error';
import { validateWorkflow } from '../model/validate';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from './blocks/registry';

/** The document validated for running, or `invalid_workflow` listing its errors. */
export function runnableDoc(raw: unknown): WorkflowDoc {
  const validation = validateWorkflow(raw, blockCatalog);
  if (!validation.ok || !validation.doc) {
    const errors = validation.issues.filter((i) => i.severity === 'error');
    throw new PatchbayError('invalid_workflow', `The workflow has ${errors.length} problem(s); fix them before running.`, { issues: errors });
  }
  return validation.doc;
}
