import type { GoldenRecord, OutputChange, RecordRegression, RegressionReport, RegressionStatus, SetRegression } from '../../api/methods/golden';
import { describeChange, diffOutputs } from '../../model/output-diff';
import type { WorkflowDoc } from '../../model/workflow';
import type { GoldenSetRow } from '../../storage/golden-repo';
import type { InstallationRow } from '../../storage/installations-repo';
import type { Repos } from '../repos';
import type { InstallationService } from '../service';
import { installationInfoOf } from './capture';
import { renamedFieldReason } from './fit';
import { replayRecord, type ReplayDeps } from './replay-golden';
import { latestChoice, resolveTarget, versionLabel, type Target, type VersionChoice } from './target';

const RUN = '(run)';

function blockName(doc: WorkflowDoc | null, step: string): string {
  const id = step.replace(/\[.*$/, '');
  return doc?.blocks.find((b) => b.id === id)?.name ?? id;
}

/** Field-level changes of one record: every step's output, plus how the run ended. */
function recordChanges(doc: WorkflowDoc, record: GoldenRecord, outputs: Record<string, unknown>, outcome: string): OutputChange[] {
  const before: Record<string, unknown> = { ...record.outputs, [RUN]: record.outcome };
  const after: Record<string, unknown> = { ...outputs, [RUN]: outcome };
  const steps = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
  const changes: OutputChange[] = [];
  for (const step of steps) {
    for (const c of diffOutputs(before[step], after[step])) {
      changes.push({ step, blockName: step === RUN ? 'Run' : blockName(doc, step), ...c, text: `${step} › ${describeChange(c)}` });
    }
  }
  return changes;
}

/** Why the golden records no longer fit a version, or null when they do. */
function misfit(set: GoldenSetRow, doc: WorkflowDoc): string | null {
  for (const r of set.body.readers) {
    const block = doc.blocks.find((b) => b.id === r.blockId);
    if (!block) return `"${r.name}" (${r.blockId}), which read these records, is not in this version (removed or replaced); keep new golden records from a run of it.`;
    if (block.kind !== r.kind) return `"${r.name}" (${r.blockId}) is now a ${block.kind} block, not the ${r.kind} that read these records; keep new golden records.`;
  }
  return null;
}

function worst(statuses: readonly RegressionStatus[]): RegressionStatus {
  for (const s of ['changed', 'failed', 'cannot_compare'] as const) if (statuses.includes(s)) return s;
  return 'unchanged';
}

async function regressSet(repos: Repos, deps: ReplayDeps, installations: InstallationService, row: InstallationRow, set: GoldenSetRow, choice: VersionChoice): Promise<{ result: SetRegression; conflicts: number }> {
  const base = { goldenSetId: set.id, name: set.name, workflowId: set.workflowId, workflowName: (await repos.workflows.get(set.workflowId)).name };
  let target: Target;
  try {
    target = await resolveTarget(repos, installations, row, set.workflowId, choice);
  } catch (e) {
    return { result: { ...base, status: 'cannot_compare', reason: e instanceof Error ? e.message : String(e), records: [] }, conflicts: 0 };
  }
  const reason = misfit(set, target.doc) ?? renamedFieldReason(set.body, target.doc);
  if (reason) return { result: { ...base, status: 'cannot_compare', reason, records: [] }, conflicts: target.conflicts };
  const records: RecordRegression[] = [];
  const installation = await installationInfoOf(repos, row);
  for (const record of set.body.records) {
    const replayed = await replayRecord(deps, target.doc, set.body, record, installation, `golden:${record.key}`);
    if (replayed.missingInput) {
      records.push({ key: record.key, status: 'cannot_compare', reason: replayed.missingInput, changes: [] });
      continue;
    }
    const changes = recordChanges(target.doc, record, replayed.outputs, replayed.outcome);
    const status: RegressionStatus = replayed.error && !record.outcome.startsWith('failed') ? 'failed' : changes.length > 0 ? 'changed' : 'unchanged';
    records.push({ key: record.key, status, reason: status === 'failed' ? replayed.error : null, changes });
  }
  const status = worst(records.map((r) => r.status));
  return { result: { ...base, status, reason: null, records }, conflicts: target.conflicts };
}

export interface RegressFilter {
  readonly goldenSetId?: string;
  readonly workflowId?: string;
  readonly workflowIds?: ReadonlySet<string>;
}

/** Replays the installation's golden records through a version (default: the latest release). */
export async function regressInstallation(repos: Repos, deps: ReplayDeps, installations: InstallationService, installationId: string, choice: VersionChoice | undefined, filter: RegressFilter = {}): Promise<RegressionReport> {
  const row = await repos.installations.get(installationId);
  const sets = (await repos.golden.listForInstallation(row.id)).filter((s) => (!filter.goldenSetId || s.id === filter.goldenSetId) && (!filter.workflowId || s.workflowId === filter.workflowId) && (!filter.workflowIds || filter.workflowIds.has(s.workflowId)));
  const resolved = choice ?? await latestChoice(repos, row);
  const report = { installationId: row.id, customerName: row.customerName, version: versionLabel(resolved) };
  if (sets.length === 0) return { ...report, status: 'no_golden_records', conflicts: 0, sets: [] };
  const results: SetRegression[] = [];
  let conflicts = 0;
  for (const set of sets) {
    const r = await regressSet(repos, deps, installations, row, set, resolved);
    results.push(r.result);
    conflicts += r.conflicts;
  }
  return { ...report, status: worst(results.map((r) => r.status)), conflicts, sets: results };
}
