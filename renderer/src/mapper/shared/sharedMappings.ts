import type { Transport } from '../../client';
import type { MappingScope } from '../../store/source';
import { readRules, toRuleInputs, type MappingRule, type RuleInput } from '../rules';

// The shared mappings a Map Fields block may name, as the inspector sees them in its scope: in the
// base editor the integration's drafts (editable); in an installation the released mapping
// (read-only until "Customise mapping") or the customer's own version (editable).

export interface SharedMappingEntry {
  readonly name: string;
  readonly mappingId: string;
  /** draft: the base editor's mapping; released: the installation's pinned one; custom: the customer's. */
  readonly kind: 'draft' | 'released' | 'custom';
  /** The id to save to (draft mapping or customer mapping); null for a released one. */
  readonly editId: string | null;
  readonly rev: number;
  readonly version: number | null;
  readonly rules: readonly MappingRule[];
  readonly updateAvailable: boolean;
}

export interface SharedMappings {
  readonly integrationId: string | null;
  readonly entries: readonly SharedMappingEntry[];
}

export async function loadSharedMappings(client: Transport, scope: MappingScope): Promise<SharedMappings> {
  if (scope.kind === 'base') {
    const res = await client.call('mappings.forWorkflow', { workflowId: scope.workflowId });
    return {
      integrationId: res.integrationId,
      entries: res.mappings.map((m) => ({ name: m.name, mappingId: m.id, kind: 'draft', editId: m.id, rev: m.rev, version: null, rules: readRules(m.doc.rules), updateAvailable: false })),
    };
  }
  const views = await client.call('installationMappings.list', { installationId: scope.installationId });
  const entries = await Promise.all(
    views.map(async (v): Promise<SharedMappingEntry> => {
      if (v.custom) {
        const custom = await client.call('installationMappings.get', { id: v.custom.id });
        return { name: v.name, mappingId: v.mappingId, kind: 'custom', editId: custom.id, rev: custom.rev, version: custom.ancestorVersion, rules: readRules(custom.doc.rules), updateAvailable: v.updateAvailable };
      }
      const released = await client.call('mappings.released', { id: v.releasedId });
      return { name: v.name, mappingId: v.mappingId, kind: 'released', editId: null, rev: 0, version: released.version, rules: readRules(released.doc.rules), updateAvailable: v.updateAvailable };
    }),
  );
  return { integrationId: null, entries };
}

/** Rules complete enough to store: a target and something to read. Unfinished rows stay on screen. */
export function completeRules(rules: readonly MappingRule[]): RuleInput[] {
  const filled = rules.filter((r) => {
    if (r.target.trim() === '') return false;
    if (r.sources !== undefined) return r.sources.length > 0;
    if (r.expr !== undefined) return r.expr.trim() !== '';
    if (r.constant !== undefined) return true;
    return (r.source ?? '').trim() !== '';
  });
  return toRuleInputs(filled);
}

/** Saves an editable entry; resolves to its new revision. */
export async function saveSharedMapping(client: Transport, entry: Pick<SharedMappingEntry, 'kind' | 'editId'>, rev: number, rules: RuleInput[]): Promise<number> {
  if (!entry.editId || entry.kind === 'released') throw new Error('Customise the mapping before editing it.');
  const saved = entry.kind === 'draft'
    ? await client.call('mappings.save', { id: entry.editId, baseRev: rev, rules })
    : await client.call('installationMappings.save', { id: entry.editId, baseRev: rev, rules });
  return saved.rev;
}
