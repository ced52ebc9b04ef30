import { PatchbayError } from '../errors/patchbay-error';
import { WORKFLOW_SCHEMA_VERSION, workflowDocSchema, type WorkflowDoc } from './workflow';

// Workflow JSON upgrades, one function per schema version step. Documents are upgraded when read
// (from storage or a bundle), so older files keep opening.
type Upgrade = (doc: Record<string, unknown>) => Record<string, unknown>;

const upgrades: Readonly<Record<number, Upgrade>> = {
  // v0 (unversioned drafts) → v1: stamp the version; shape unchanged.
  0: (doc) => ({ ...doc, schemaVersion: 1 }),
};

export function migrateWorkflowDoc(raw: unknown): WorkflowDoc {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PatchbayError('invalid_workflow', 'A workflow document must be a JSON object.');
  }
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > WORKFLOW_SCHEMA_VERSION) {
    throw new PatchbayError('invalid_workflow', `This workflow was saved by a newer Patchbay (schema ${version}); update Patchbay to open it.`);
  }
  while (version < WORKFLOW_SCHEMA_VERSION) {
    const step = upgrades[version];
    if (!step) throw new PatchbayError('invalid_workflow', `No upgrade from workflow schema ${version}.`);
    doc = step(doc);
    version += 1;
  }
  const parsed = workflowDocSchema.safeParse(doc);
  if (!parsed.success) {
    throw new PatchbayError('invalid_workflow', 'The workflow document does not match the schema.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
