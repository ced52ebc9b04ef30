import type { ValidationIssue } from './validation-issue';
import type { MappingSet } from './mapping-doc';
import { cloneJson } from './json-value';
import type { WorkflowDoc } from './workflow';
import { mapsFields, type BlockCatalog } from './block-catalog';

// Map Fields blocks that name a shared mapping get its rules copied into their config just before
// a run starts. The run's stored document then holds exactly the rules it ran with, so a resumed
// or re-run run never depends on the mapping changing later. A name the set lacks is a validation
// error on that block, reported before any step runs.

/** The mapping a Map Fields block refers to by name, or null for inline rules. */
export function mappingNameOf(config: Readonly<Record<string, unknown>>): string | null {
  const name = config.mapping;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}

export function unknownMappingIssue(blockId: string, blockName: string, name: string, available: Iterable<string>): ValidationIssue {
  const names = [...available];
  const choose = names.length > 0 ? `choose one of: ${names.map((n) => `"${n}"`).join(', ')}` : 'the integration has no shared mappings yet; create one or use inline rules';
  return {
    severity: 'error',
    blockId,
    code: 'mapping_not_found',
    message: `"${blockName || blockId}" uses the mapping "${name}", which does not exist; ${choose}.`,
    path: 'mapping',
  };
}

/** Issues for every block naming a mapping outside `names` (for the canvas, before a run). */
export function checkMappingNames(doc: WorkflowDoc, names: ReadonlySet<string>, catalog: BlockCatalog): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const b of doc.blocks) {
    if (!mapsFields(catalog, b)) continue;
    const name = mappingNameOf(b.config);
    if (name !== null && !names.has(name)) issues.push(unknownMappingIssue(b.id, b.name, name, names));
  }
  return issues;
}

/** The document with each named mapping's rules in place; issues for names the set lacks. */
export function bindMappings(doc: WorkflowDoc, mappings: MappingSet, catalog: BlockCatalog): { doc: WorkflowDoc; issues: ValidationIssue[] } {
  const issues = checkMappingNames(doc, new Set(mappings.keys()), catalog);
  if (issues.length > 0) return { doc, issues };
  let changed = false;
  const blocks = doc.blocks.map((b) => {
    const name = mapsFields(catalog, b) ? mappingNameOf(b.config) : null;
    const rules = name === null ? undefined : mappings.get(name);
    if (rules === undefined) return b;
    changed = true;
    return { ...b, config: { ...b.config, rules: cloneJson(rules) } };
  });
  return { doc: changed ? { ...doc, blocks } : doc, issues };
}

/** The document with named mappings turned into inline rules, for a copy that travels without its
 * integration (a user-specific version exported on its own). Unknown names are left as they are. */
export function inlineMappings(doc: WorkflowDoc, mappings: MappingSet, catalog: BlockCatalog): WorkflowDoc {
  return {
    ...doc,
    blocks: doc.blocks.map((b) => {
      const name = mapsFields(catalog, b) ? mappingNameOf(b.config) : null;
      const rules = name === null ? undefined : mappings.get(name);
      if (rules === undefined) return b;
      const { mapping: _named, ...rest } = b.config;
      return { ...b, config: { ...rest, rules: cloneJson(rules) } };
    }),
  };
}
