import { PatchbayError } from '../errors/patchbay-error';
import { migrateWorkflowDoc } from '../model/migrate';
import type { WorkflowDoc } from '../model/workflow';
import type { EntryOf } from './format';

// A bundle's content once read and checked, whatever its format version or container (zip or
// folder): plain records keyed by the ids they had where they were exported. Workflow documents
// are migrated to the current schema.

type WithDoc<T> = Omit<T, 'doc'> & { readonly doc: WorkflowDoc };

export interface BundleContent {
  readonly exportedAt: string;
  readonly exportedBy?: string | undefined;
  readonly integrations: readonly EntryOf<'integration'>[];
  readonly workflows: readonly WithDoc<EntryOf<'workflow'>>[];
  readonly releases: readonly EntryOf<'release'>[];
  readonly versions: readonly WithDoc<EntryOf<'version'>>[];
  readonly mappings: readonly EntryOf<'mapping'>[];
  readonly releasedMappings: readonly EntryOf<'releasedMapping'>[];
  readonly customMappings: readonly EntryOf<'customMapping'>[];
  readonly installations: readonly EntryOf<'installation'>[];
  readonly custom: readonly WithDoc<EntryOf<'custom'>>[];
}

export const emptyContent = (exportedAt: string): BundleContent => ({
  exportedAt, integrations: [], workflows: [], releases: [], versions: [], mappings: [], releasedMappings: [], customMappings: [], installations: [], custom: [],
});

/** A bundled document, migrated to the current schema; a bad one refuses the bundle, naming its file. */
export function docOf(entry: string, raw: unknown): WorkflowDoc {
  try {
    return migrateWorkflowDoc(raw);
  } catch (e) {
    throw new PatchbayError('bundle_invalid', `The workflow in "${entry}" is not valid: ${(e as Error).message}`, { entry, details: (e as PatchbayError).details });
  }
}
