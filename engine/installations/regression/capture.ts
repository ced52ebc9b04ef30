import { PatchbayError } from '../../errors/patchbay-error';
import type { GoldenRecord, GoldenSetBody } from '../../api/methods/golden';
import type { StepRecord } from '../../api/records';
import { planWorkflow } from '../../model/graph';
import { validateWorkflow } from '../../model/validate';
import { blockCatalog, getBlockDefinition } from '../../runtime/blocks/registry';
import type { InstallationInfo } from '../../runtime/blocks/types';
import type { GoldenSetRow } from '../../storage/golden-repo';
import type { InstallationRow } from '../../storage/installations-repo';
import type { Repos } from '../repos';
import { mappingNamesUsed } from '../mapping-sets';
import { mappedSources } from './fit';
import { findRecords, readPath, recordKey, withRecords } from './records';
import { SUMMARY_MARK } from '../../runtime/summarize';
import { replayRecord, type ReplayDeps } from './replay-golden';

export async function installationInfoOf(repos: Repos, row: InstallationRow): Promise<InstallationInfo> {
  return { id: row.id, customerName: row.customerName, config: row.config, connections: Object.fromEntries(await repos.installations.connections(row.id)) };
}

/** The records the analyst picked by key (NetSuite number…), else the first `limit`. */
function chooseRecords(all: readonly Record<string, unknown>[], limit: number, keys: readonly string[] | undefined, runId: string): { record: Record<string, unknown>; key: string }[] {
  const keyed = all.map((record, i) => ({ record, key: recordKey(record, i) }));
  if (!keys || keys.length === 0) return keyed.slice(0, limit);
  const missing = keys.filter((k) => !keyed.some((r) => r.key === k));
  if (missing.length > 0) throw new PatchbayError('golden_no_records', `The run read no record ${missing.join(', ')}; pick records this run fetched.`, { runId, missing });
  return keyed.filter((r) => keys.includes(r.key));
}

function readsExternal(step: StepRecord): boolean {
  return getBlockDefinition(step.blockKind)?.readsExternal?.(step.input) === true;
}

/**
 * "Keep as golden records": the first `limit` records the run read, each replayed through the
 * document the run used so its outputs are exactly what replay will reproduce (same would-be
 * write keys, no watermark state), then saved without secrets.
 */
export async function keepGolden(repos: Repos, deps: ReplayDeps, runId: string, name: string | undefined, limit: number, keys?: readonly string[]): Promise<GoldenSetRow> {
  const run = await repos.runs.get(runId);
  const info = await repos.runs.resumeInfo(runId);
  if (!info.installationId || !info.workflowId) {
    throw new PatchbayError('golden_no_installation', 'This run belongs to no installation; keep golden records from a test sync or run on an installation page.', { runId });
  }
  const row = await repos.installations.get(info.installationId);
  const validation = validateWorkflow(JSON.parse(info.doc), blockCatalog);
  if (!validation.doc) throw new PatchbayError('golden_replay_failed', 'The version this run used no longer validates; run the current version and keep its records.', { runId });
  const plan = planWorkflow(validation.doc, blockCatalog);
  const steps = (await repos.runs.steps(runId)).filter((s) => s.status === 'succeeded');
  const readers = steps.filter(readsExternal);
  // Judged by where the block sits, not by the step's index: a streamed fetch journals one step per
  // page (page numbers as iterations) yet runs before any loop.
  if (readers.some((s) => !plan.top.members.has(s.blockId))) {
    throw new PatchbayError('golden_unsupported', 'This workflow reads from an external system inside a For Each; golden records can only keep reads made before the loop.', { runId });
  }
  if (readers.some((s) => JSON.stringify(s.output ?? null).includes(`"${SUMMARY_MARK}"`))) {
    throw new PatchbayError('golden_unsupported', 'This run kept only a summary of what it fetched (live runs do, to stay small); keep golden records from a test sync of this installation.', { runId });
  }
  const source = readers.map((s) => ({ step: s, found: findRecords(s.output) })).find((r) => r.found !== null);
  if (!source?.found) throw new PatchbayError('golden_no_records', 'This run read no records to keep; run a test sync that fetches a few records, then keep those.', { runId });
  // A streamed fetch journals one step per page: the records are every page's, in page order.
  const recordsPath = source.found.path;
  const fetched = readers
    .filter((s) => s.blockId === source.step.blockId)
    .sort((a, b) => (a.iteration ?? 0) - (b.iteration ?? 0))
    .flatMap((s) => {
      const page = readPath(s.output, recordsPath);
      return Array.isArray(page) ? (page as Record<string, unknown>[]) : [];
    });
  // One saved output per other reading block (a streamed reader's first page).
  const others = new Map<string, StepRecord>();
  for (const s of readers) if (s.blockId !== source.step.blockId && !others.has(s.blockId)) others.set(s.blockId, s);

  const redact = deps.redact();
  const clean = <T>(v: T): T => (redact ? (redact(v) as T) : v);
  const shared = Object.fromEntries([...others.values()].map((s) => [s.blockId, clean(s.output)]));
  const doc = validation.doc;
  const body: Omit<GoldenSetBody, 'records'> = {
    trigger: clean(info.input),
    sharedInputs: shared,
    sourceBlockId: source.step.blockId,
    recordsPath: [...source.found.path],
    mappingNames: [...mappingNamesUsed(doc)],
    knownSources: [...new Set(mappedSources(doc).map((m) => m.path))],
    readers: [source.step, ...others.values()].map((s) => ({ blockId: s.blockId, kind: s.blockKind, name: doc.blocks.find((b) => b.id === s.blockId)?.name ?? s.blockId })),
  };
  const records: GoldenRecord[] = [];
  const installation = await installationInfoOf(repos, row);
  for (const { record, key } of chooseRecords(fetched, limit, keys, runId)) {
    const inputs = { [source.step.blockId]: clean(withRecords(source.step.output, source.found.path, [record])) };
    const replayed = await replayRecord(deps, doc, body, { inputs }, installation, `golden:${key}`);
    if (replayed.error) {
      throw new PatchbayError('golden_replay_failed', `Record ${key} could not be replayed through the version it came from: ${replayed.error}`, { runId, key });
    }
    records.push({ key, inputs, outputs: replayed.outputs, outcome: replayed.outcome });
  }
  return await repos.golden.create({
    installationId: row.id, workflowId: info.workflowId, name: name ?? `${run.workflowName}: ${records.map((r) => r.key).join(', ')}`,
    sourceRunId: runId, versionRef: info.versionRef, body: { ...body, records },
  });
}
