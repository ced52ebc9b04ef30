import type { ValidationIssue } from './validation-issue';
import { CONTAINER_BODY_PORT } from '../shared/block-traits';
import { isContainer, isTrigger, type BlockCatalog, type BlockKindInfo } from './block-catalog';

import { topologicalOrder } from './graph';
import { collectReferences, ReferenceSyntaxError, type Reference } from '../shared/references';
import { workflowDocSchema, type Block, type WorkflowDoc } from './workflow';


export interface ValidationResult {
  readonly ok: boolean;
  readonly issues: readonly ValidationIssue[];
  readonly doc: WorkflowDoc | null;
}

function issue(blockId: string | null, code: string, message: string, path?: string): ValidationIssue {
  return path === undefined ? { severity: 'error', blockId, code, message } : { severity: 'error', blockId, code, message, path };
}

/** Blocks no connection leads to from the Trigger never run; say so rather than stay silent. */
function unreachableWarnings(doc: WorkflowDoc, catalog: BlockCatalog): ValidationIssue[] {
  const trigger = doc.blocks.find((b) => isTrigger(catalog, b));
  if (!trigger) return [];
  const seen = new Set<string>([trigger.id]);
  const stack = [trigger.id];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const e of doc.edges) {
      if (e.from === id && !seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return doc.blocks
    .filter((b) => !seen.has(b.id))
    .map((b) => ({ severity: 'warning' as const, blockId: b.id, code: 'unreachable', message: `"${b.name || b.id}" is not connected to the Trigger, so it never runs.` }));
}

function templatedConfig(block: Block, info: BlockKindInfo): Record<string, unknown> {
  const raw = new Set(info.rawConfigKeys ?? []);
  return Object.fromEntries(Object.entries(block.config).filter(([k]) => !raw.has(k)));
}

/** Blocks inside each For Each body (reachable from its `each` port). */
function bodiesOf(doc: WorkflowDoc, catalog: BlockCatalog): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const fe of doc.blocks.filter((b) => isContainer(catalog, b))) {
    const seen = new Set<string>();
    const stack = doc.edges.filter((e) => e.from === fe.id && e.port === CONTAINER_BODY_PORT).map((e) => e.to);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id) || id === fe.id) continue;
      seen.add(id);
      for (const e of doc.edges) if (e.from === id) stack.push(e.to);
    }
    out.set(fe.id, seen);
  }
  return out;
}

function checkReference(ref: Reference, block: Block, ids: ReadonlySet<string>, inLoop: boolean, issues: ValidationIssue[]): void {
  if (ref.root === 'steps') {
    const target = ref.path[0];
    if (typeof target !== 'string' || !ids.has(target)) {
      issues.push(issue(block.id, 'unknown_reference', `"{{ ${ref.source} }}" refers to a block that does not exist${typeof target === 'string' ? ` ("${target}")` : ''}.`));
    } else if (target === block.id) {
      issues.push(issue(block.id, 'self_reference', `"{{ ${ref.source} }}" refers to the block's own output, which does not exist yet.`));
    }
  } else if ((ref.root === 'item' || ref.root === 'index') && !inLoop) {
    issues.push(issue(block.id, 'reference_outside_loop', `"{{ ${ref.source} }}" only has a value inside a For Each body.`));
  }
}

/** Validates a workflow document before it runs; every issue names its block. */
export function validateWorkflow(raw: unknown, catalog: BlockCatalog): ValidationResult {
  const parsed = workflowDocSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      doc: null,
      issues: parsed.error.issues.map((i) => {
        const blockIndex = i.path[0] === 'blocks' && typeof i.path[1] === 'number' ? i.path[1] : null;
        const blockId = blockIndex !== null && raw && typeof raw === 'object' ? idAt(raw, blockIndex) : null;
        return issue(blockId, 'schema', i.message, i.path.join('.'));
      }),
    };
  }
  const doc = parsed.data;
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  for (const b of doc.blocks) {
    if (ids.has(b.id)) issues.push(issue(b.id, 'duplicate_block_id', `Two blocks share the id "${b.id}"; ids must be unique.`));
    ids.add(b.id);
  }
  const triggers = doc.blocks.filter((b) => isTrigger(catalog, b));
  if (triggers.length === 0) issues.push(issue(null, 'missing_trigger', 'Add a Trigger block: every workflow starts from one.'));
  if (triggers.length > 1) for (const t of triggers.slice(1)) issues.push(issue(t.id, 'extra_trigger', 'A workflow has exactly one Trigger; remove this one.'));

  const bodies = bodiesOf(doc, catalog);
  const inLoop = new Set<string>();
  for (const body of bodies.values()) for (const id of body) inLoop.add(id);

  for (const b of doc.blocks) {
    const info = catalog(b.kind);
    if (!info) {
      issues.push(issue(b.id, 'unknown_block_kind', `Unknown block kind "${b.kind}": this version of Patchbay cannot run it. Its settings are kept; replace the block or open the workflow in the version that made it.`));
      continue;
    }
    const cfg = info.configSchema.safeParse(b.config);
    if (!cfg.success) {
      for (const i of cfg.error.issues) issues.push(issue(b.id, 'invalid_config', `${i.path.join('.') || 'config'}: ${i.message}`, i.path.join('.')));
    }
    try {
      for (const ref of collectReferences(templatedConfig(b, info))) checkReference(ref, b, ids, inLoop.has(b.id), issues);
    } catch (e) {
      if (e instanceof ReferenceSyntaxError) issues.push(issue(b.id, 'bad_reference', e.message));
      else throw e;
    }
  }

  for (const e of doc.edges) {
    const from = doc.blocks.find((b) => b.id === e.from);
    if (!from || !ids.has(e.to)) {
      issues.push(issue(from?.id ?? null, 'dangling_edge', `Connection ${e.id} points to a block that does not exist (${from ? e.to : e.from}).`));
      continue;
    }
    const ports = catalog(from.kind)?.ports;
    if (ports && !ports.includes(e.port)) issues.push(issue(from.id, 'bad_port', `"${from.name || from.id}" has no "${e.port}" output.`));
    const target = doc.blocks.find((b) => b.id === e.to);
    if (target && isTrigger(catalog, target)) issues.push(issue(from.id, 'edge_into_trigger', 'Nothing can connect into the Trigger.'));
  }
  for (const [feId, body] of bodies) {
    for (const id of body) {
      const leaks = doc.edges.filter((e) => e.to === id && !body.has(e.from) && !(e.from === feId && e.port === CONTAINER_BODY_PORT));
      for (const l of leaks) issues.push(issue(id, 'loop_body_entry', `"${id}" is inside a For Each body but is also reached from "${l.from}" outside it; connect it from the loop's "each" output only.`));
    }
  }
  if (!topologicalOrder(ids, doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)), [...ids])) {
    issues.push(issue(null, 'cycle', 'The workflow has a cycle; use a For Each block to repeat steps.'));
  }
  issues.push(...unreachableWarnings(doc, catalog));
  return { ok: !issues.some((i) => i.severity === 'error'), issues, doc };
}

function idAt(raw: object, index: number): string | null {
  const blocks = (raw as { blocks?: unknown }).blocks;
  if (!Array.isArray(blocks)) return null;
  const b: unknown = blocks[index];
  return b && typeof b === 'object' && typeof (b as { id?: unknown }).id === 'string' ? (b as { id: string }).id : null;
}
