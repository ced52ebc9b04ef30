import { createHash } from 'node:crypto';
import { PatchbayError, type ErrorPayload } from '../errors/patchbay-error';
import type { RunMode, RunRecord, RunStatus, StepRecord } from '../api/records';
import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import { BatchInsert } from './batch-insert';
import { PreparedQuery } from './prepared-query';
import type { RunsTable, StepsTable, Tables } from './tables';
import { writeAtomically } from './write-atomically';

// Step payloads above this size are stored once in `payloads` and referenced by hash, so a
// large fetch result that several steps pass along is not written again and again.
const INLINE_PAYLOAD_LIMIT = 16 * 1024;
const PAYLOAD_REF = '$payload';

type RunRow = Selectable<RunsTable> & { customer_name: string | null };
type StepRow = Selectable<StepsTable>;

const insertSteps = new BatchInsert('steps', ['id', 'run_id', 'seq', 'block_id', 'block_kind', 'iteration', 'iteration_path', 'attempt', 'status',
  'input', 'output', 'error', 'started_at', 'finished_at', 'duration_ms', 'port', 'summarized']);
const insertPayloads = new BatchInsert('payloads', ['hash', 'body'], (q) => q.onConflict((oc) => oc.column('hash').doNothing()));
const bumpCount = new PreparedQuery<{ runId: string; n: number }>(['runId', 'n'],
  (db, a) => db.updateTable('runs').set((eb) => ({ step_count: eb('step_count', '+', a.n) })).where('id', '=', a.runId));

/** Filters of the Runs page; all optional, newest first. */
export interface RunFilter {
  readonly installationId?: string | undefined;
  readonly workflowId?: string | undefined;
  readonly status?: RunStatus | undefined;
  readonly mode?: RunMode | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly limit: number;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function runFromRow(r: RunRow): RunRecord {
  return {
    id: r.id, workflowId: r.workflow_id, workflowName: r.workflow_name, mode: r.mode as RunMode,
    status: r.status as RunStatus, input: parse(r.input), error: parse(r.error) as ErrorPayload | null,
    stopReason: r.stop_reason, startedAt: r.started_at, finishedAt: r.finished_at, stepCount: r.step_count,
    installationId: r.installation_id, customerName: r.customer_name, testRecordLimit: r.test_record_limit,
  };
}

export interface NewRun {
  readonly id: string;
  readonly workflowId: string | null;
  readonly workflowName: string;
  readonly docJson: string;
  readonly mode: RunMode;
  readonly input: unknown;
  readonly startedAt: string;
  readonly installationId?: string | null;
  /** What ran: `draft:<workflowId>`, `version:<id>` or `userVersion:<id>`. */
  readonly versionRef?: string | null;
  readonly rootRunId?: string | null;
  readonly testRecordLimit?: number | null;
}

/** A finished step as the journal writes it: its payloads already JSON text (and redacted). */
export type EncodedStep = Omit<StepRecord, 'input' | 'output' | 'error'> & {
  readonly seq: number;
  readonly port?: string | null;
  readonly summarized?: boolean;
  readonly input: string | null;
  readonly output: string | null;
  readonly error: string | null;
};

/** A payload as the journal stores it (undefined as SQL NULL). */
export const payloadJson = (value: unknown): string | null => (value === undefined ? null : (JSON.stringify(value) ?? null));

/** Spelled out, not spread: a copy that changes its payloads' types was a slow path for V8. */
export function encodeStep(s: StepRecord & { seq: number; port?: string | null; summarized?: boolean }): EncodedStep {
  return {
    id: s.id, runId: s.runId, blockId: s.blockId, blockKind: s.blockKind, iteration: s.iteration, iterationPath: s.iterationPath, attempt: s.attempt,
    status: s.status, input: payloadJson(s.input), output: payloadJson(s.output), error: s.error ? JSON.stringify(s.error) : null,
    startedAt: s.startedAt, finishedAt: s.finishedAt, durationMs: s.durationMs, seq: s.seq, port: s.port ?? null, summarized: s.summarized ?? false,
  };
}

export interface ResumeInfo {
  readonly doc: string;
  readonly input: unknown;
  readonly mode: RunMode;
  readonly workflowId: string | null;
  readonly installationId: string | null;
  readonly versionRef: string | null;
  /** The first run of its re-run chain (itself when it is not a re-run). */
  readonly rootRunId: string;
  readonly testRecordLimit: number | null;
}

/** Runs and the step journal. Step rows are written in batches by `writeJournal`. */
export class RunsRepo {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Every run read says whose it is: the customer's name comes from its installation. */
  private runs() {
    return this.db.selectFrom('runs as r').leftJoin('installations as i', 'i.id', 'r.installation_id').selectAll('r').select('i.customer_name as customer_name');
  }

  /**
   * Records a new run. A live run of an installation's workflow is refused while another live run
   * of it is queued or running: two would send the same records twice and race on its watermark.
   * The check and the insert are one transaction that first writes the installation's row (a
   * no-op update): that takes SQLite's write lock, and on PostgreSQL the row's lock, so two starts
   * (from this process or another one on the same database) cannot both pass the check.
   * Test syncs write nothing and are not held.
   */
  async create(run: NewRun): Promise<RunRecord> {
    await this.db.transaction().execute(async (trx) => {
      if (run.mode === 'live' && run.installationId && run.workflowId) {
        await trx.updateTable('installations').set((eb) => ({ status: eb.ref('status') })).where('id', '=', run.installationId).execute();
        await new RunsRepo(trx).refuseIfLive(run.installationId, run.workflowId);
      }
      await trx.insertInto('runs').values({
        id: run.id, workflow_id: run.workflowId, workflow_name: run.workflowName, doc: run.docJson, mode: run.mode, status: 'running',
        input: JSON.stringify(run.input ?? null), started_at: run.startedAt, installation_id: run.installationId ?? null,
        version_ref: run.versionRef ?? null, root_run_id: run.rootRunId ?? null, test_record_limit: run.testRecordLimit ?? null,
      }).execute();
    });
    return this.get(run.id);
  }

  /** The live run of this installation's workflow that is queued or running, if any. */
  async liveInProgress(installationId: string, workflowId: string): Promise<RunRecord | undefined> {
    const row = await this.runs()
      .where('r.installation_id', '=', installationId).where('r.workflow_id', '=', workflowId)
      .where('r.mode', '=', 'live').where('r.status', 'in', ['queued', 'running'])
      .orderBy('r.started_at').limit(1).executeTakeFirst();
    return row ? runFromRow(row) : undefined;
  }

  private async refuseIfLive(installationId: string, workflowId: string): Promise<void> {
    const busy = await this.liveInProgress(installationId, workflowId);
    if (!busy) return;
    const whose = busy.customerName ? ` for ${busy.customerName}` : '';
    throw new PatchbayError('run_in_progress',
      `"${busy.workflowName}" is already ${busy.status}${whose} (run ${busy.id}, started ${busy.startedAt}); wait for it to finish or cancel it, then run it again.`,
      { runId: busy.id, workflowId, installationId });
  }

  async get(id: string): Promise<RunRecord> {
    const row = await this.runs().where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That run no longer exists; refresh the list of runs.', { id });
    return runFromRow(row);
  }

  async getDoc(id: string): Promise<string> {
    const row = await this.db.selectFrom('runs').select('doc').where('id', '=', id).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That run no longer exists; refresh the list of runs.', { id });
    return row.doc;
  }

  async list(workflowId: string | undefined, limit: number): Promise<RunRecord[]> {
    return this.search({ workflowId, limit });
  }

  async listForInstallation(installationId: string, limit: number, workflowId?: string): Promise<RunRecord[]> {
    return this.search({ installationId, workflowId, limit });
  }

  /** Whether a live run of this workflow ever succeeded for the installation (however many runs since). */
  async hasSucceededLive(installationId: string, workflowId: string): Promise<boolean> {
    const row = await this.db.selectFrom('runs').select('id')
      .where('installation_id', '=', installationId).where('workflow_id', '=', workflowId).where('mode', '=', 'live').where('status', '=', 'succeeded')
      .limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Runs across installations for the Runs page. */
  async search(f: RunFilter): Promise<RunRecord[]> {
    let q = this.runs();
    if (f.installationId !== undefined) q = q.where('r.installation_id', '=', f.installationId);
    if (f.workflowId !== undefined) q = q.where('r.workflow_id', '=', f.workflowId);
    if (f.status !== undefined) q = q.where('r.status', '=', f.status);
    if (f.mode !== undefined) q = q.where('r.mode', '=', f.mode);
    if (f.since !== undefined) q = q.where('r.started_at', '>=', f.since);
    if (f.until !== undefined) q = q.where('r.started_at', '<', f.until);
    return (await q.orderBy('r.started_at', 'desc').limit(f.limit).execute()).map(runFromRow);
  }

  async listByStatus(status: RunStatus): Promise<RunRecord[]> {
    return (await this.runs().where('r.status', '=', status).execute()).map(runFromRow);
  }

  async finish(id: string, status: RunStatus, finishedAt: string, error: ErrorPayload | null, stopReason: string | null): Promise<RunRecord> {
    await this.db.updateTable('runs')
      .set({ status, finished_at: finishedAt, error: error ? JSON.stringify(error) : null, stop_reason: stopReason })
      .where('id', '=', id).execute();
    return this.get(id);
  }

  private async decodePayload(stored: string | null): Promise<unknown> {
    const value = parse(stored);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && PAYLOAD_REF in value) {
      const row = await this.db.selectFrom('payloads').select('body').where('hash', '=', (value as Record<string, string>)[PAYLOAD_REF] as string).executeTakeFirst();
      return row ? JSON.parse(row.body) : null;
    }
    return value;
  }

  /** Writes finished steps in one transaction. */
  async appendSteps(steps: readonly (StepRecord & { seq: number; port?: string | null; summarized?: boolean })[]): Promise<void> {
    await this.writeJournal(steps.map(encodeStep));
  }

  /**
   * Writes a batch of encoded steps, and `more` (the loop items finished with them), in one
   * transaction: the journal writer's, one per batch.
   */
  async writeJournal(steps: readonly EncodedStep[], more: readonly CompiledQuery[] = []): Promise<void> {
    await writeAtomically(this.db, [...this.stepQueries(steps), ...more]);
  }

  /** Rows go in multi-row INSERTs and each run's step count is bumped once per batch. */
  private stepQueries(steps: readonly EncodedStep[]): CompiledQuery[] {
    const counts = new Map<string, number>();
    const payloads = new Map<string, string>();
    // What a step row holds for a payload: the JSON itself, or a reference to it when it is large.
    const stored = (json: string | null): string | null => {
      if (json === null || json.length <= INLINE_PAYLOAD_LIMIT) return json;
      const hash = createHash('sha256').update(json).digest('hex');
      payloads.set(hash, json);
      return JSON.stringify({ [PAYLOAD_REF]: hash });
    };
    // In insertSteps' column order.
    const values: unknown[] = [];
    for (const s of steps) {
      counts.set(s.runId, (counts.get(s.runId) ?? 0) + 1);
      values.push(s.id, s.runId, s.seq, s.blockId, s.blockKind, s.iteration, s.iterationPath, s.attempt, s.status, stored(s.input), stored(s.output),
        s.error, s.startedAt, s.finishedAt, s.durationMs, s.port ?? null, s.summarized ? 1 : 0);
    }
    const queries = payloads.size > 0 ? insertPayloads.compile(this.db, [...payloads].map(([hash, body]) => ({ hash, body }))) : [];
    queries.push(...insertSteps.compileValues(this.db, values));
    for (const [runId, n] of counts) queries.push(bumpCount.bind(this.db, { runId, n }));
    return queries;
  }

  /** Top-level steps that finished, with the port they took: what a resumed run can skip. */
  async completedTopLevel(runId: string): Promise<{ blockId: string; blockKind: string; output: unknown; port: string | null; seq: number; summarized: boolean }[]> {
    const rows = await this.db.selectFrom('steps').select(['block_id', 'block_kind', 'output', 'port', 'seq', 'summarized'])
      .where('run_id', '=', runId).where('iteration', 'is', null).where('status', '=', 'succeeded').orderBy('seq').execute();
    const out = [];
    for (const r of rows) {
      out.push({ blockId: r.block_id, blockKind: r.block_kind, output: r.summarized ? null : await this.decodePayload(r.output), port: r.port, seq: r.seq, summarized: r.summarized === 1 });
    }
    return out;
  }

  async nextSeq(runId: string): Promise<number> {
    const row = await this.db.selectFrom('steps').select((eb) => eb.fn.max('seq').as('seq')).where('run_id', '=', runId).executeTakeFirst();
    return (row?.seq ?? -1) + 1;
  }

  /** Everything needed to pick an interrupted run up again. */
  async resumeInfo(runId: string): Promise<ResumeInfo> {
    const row = await this.db.selectFrom('runs')
      .select(['doc', 'input', 'mode', 'workflow_id', 'installation_id', 'version_ref', 'root_run_id', 'test_record_limit'])
      .where('id', '=', runId).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', 'That run no longer exists; refresh the list of runs.', { id: runId });
    return {
      doc: row.doc, input: parse(row.input), mode: row.mode as RunMode, workflowId: row.workflow_id, installationId: row.installation_id,
      versionRef: row.version_ref, rootRunId: row.root_run_id ?? runId, testRecordLimit: row.test_record_limit,
    };
  }

  /**
   * Copies finished top-level steps of one run into another (re-run from the failed step), except
   * those of the container kinds given (their bodies run again, so they must too).
   */
  async copyCompletedTopLevel(fromRunId: string, toRunId: string, containerKinds: readonly string[]): Promise<number> {
    let q = this.db.selectFrom('steps')
      .select(['seq', 'block_id', 'block_kind', 'iteration', 'iteration_path', 'attempt', 'status', 'input', 'output', 'error', 'started_at', 'finished_at', 'duration_ms', 'port'])
      .where('run_id', '=', fromRunId).where('iteration', 'is', null).where('status', '=', 'succeeded').where('summarized', '=', 0);
    if (containerKinds.length > 0) q = q.where('block_kind', 'not in', containerKinds);
    const rows = await q.orderBy('seq').execute();
    if (rows.length === 0) return 0;
    // The top level of a run is a few dozen steps at most: one INSERT.
    await this.db.insertInto('steps').values(rows.map((r) => ({ ...r, id: `${toRunId}:${String(r.seq).padStart(10, '0')}`, run_id: toRunId }))).execute();
    await this.db.executeQuery(bumpCount.bind(this.db, { runId: toRunId, n: rows.length }));
    return rows.length;
  }

  async markResumed(runId: string): Promise<void> {
    await this.db.updateTable('runs').set({ status: 'running', finished_at: null, error: null }).where('id', '=', runId).execute();
  }

  /**
   * An interrupted run waits for its turn to resume (`queued`); also what an orderly quit leaves.
   * `crashCount` counts interruptions in a row without progress, `mark` is the progress seen now.
   */
  async markQueued(runId: string, crash?: { crashCount: number; mark: number }): Promise<void> {
    await this.db.updateTable('runs')
      .set({ status: 'queued', finished_at: null, error: null, ...(crash ? { crash_count: crash.crashCount, resume_mark: crash.mark } : {}) })
      .where('id', '=', runId).execute();
  }

  /** Steps of a run that succeeded (loop iterations included): how far a stopped run got. */
  async succeededStepCount(runId: string): Promise<number> {
    const row = await this.db.selectFrom('steps').select((eb) => eb.fn.countAll().as('n')).where('run_id', '=', runId).where('status', '=', 'succeeded').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * A run not yet running anywhere says why it waits (e.g. no worker can run it yet); `queued`
   * also shows it waiting. The reason goes when it starts (`markResumed`) or ends.
   */
  async noteWaiting(runId: string, reason: ErrorPayload, queued: boolean): Promise<void> {
    await this.db.updateTable('runs').set({ error: JSON.stringify(reason), ...(queued ? { status: 'queued' } : {}) })
      .where('id', '=', runId).where('status', 'in', ['running', 'queued']).execute();
  }

  /** What the crash accounting of an interrupted run reads. */
  async crashInfo(runId: string): Promise<{ crashCount: number; resumeMark: number | null; stepCount: number }> {
    const row = await this.db.selectFrom('runs').select(['crash_count', 'resume_mark', 'step_count']).where('id', '=', runId).executeTakeFirst();
    if (!row) throw new PatchbayError('not_found', `Run ${runId} does not exist.`, { id: runId });
    return { crashCount: row.crash_count, resumeMark: row.resume_mark, stepCount: row.step_count };
  }

  /** Steps after sequence number `afterSeq`, in order, at most `limit` (keyset paging on (run_id, seq)). */
  async steps(runId: string, afterSeq = -1, limit = -1): Promise<StepRecord[]> {
    let q = this.db.selectFrom('steps').selectAll().where('run_id', '=', runId).where('seq', '>', afterSeq).orderBy('seq');
    if (limit >= 0) q = q.limit(limit);
    const rows: StepRow[] = await q.execute();
    const out: StepRecord[] = [];
    for (const r of rows) {
      out.push({
        id: r.id, runId: r.run_id, blockId: r.block_id, blockKind: r.block_kind, iteration: r.iteration, iterationPath: r.iteration_path, attempt: r.attempt,
        status: r.status as StepRecord['status'], input: await this.decodePayload(r.input), output: await this.decodePayload(r.output),
        error: parse(r.error) as ErrorPayload | null, startedAt: r.started_at, finishedAt: r.finished_at, durationMs: r.duration_ms,
      });
    }
    return out;
  }
}
