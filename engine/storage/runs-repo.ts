import { createHash } from 'node:crypto';
import { PatchbayError, type ErrorPayload } from '../errors/patchbay-error';
import type { RunMode, RunRecord, RunStatus, StepRecord } from '../api/records';
import type { Db } from './db';

// Step payloads above this size are stored once in `payloads` and referenced by hash, so a
// large fetch result that several steps pass along is not written again and again.
const INLINE_PAYLOAD_LIMIT = 16 * 1024;
const PAYLOAD_REF = '$payload';

interface RunRow {
  id: string; workflow_id: string | null; workflow_name: string; doc: string; mode: string; status: string;
  input: string | null; error: string | null; stop_reason: string | null; started_at: string;
  finished_at: string | null; step_count: number; installation_id: string | null; customer_name: string | null;
  test_record_limit: number | null;
}
interface StepRow {
  id: string; run_id: string; block_id: string; block_kind: string; iteration: number | null; iteration_path: string | null; attempt: number;
  status: string; input: string | null; output: string | null; error: string | null; started_at: string;
  finished_at: string | null; duration_ms: number | null;
}

// Every run read says whose it is: the customer's name comes from its installation.
const RUNS = `SELECT r.*, i.customer_name AS customer_name FROM runs r LEFT JOIN installations i ON i.id = r.installation_id`;

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

/** Runs and the step journal. Step rows are written in batches by `appendSteps`. */
export class RunsRepo {
  private readonly insertStep;
  private readonly insertPayload;
  private readonly bumpCount;

  constructor(private readonly db: Db) {
    this.insertStep = db.prepare(`INSERT INTO steps (id, run_id, seq, block_id, block_kind, iteration, iteration_path, attempt, status, input, output, error, started_at, finished_at, duration_ms, port, summarized)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertPayload = db.prepare(`INSERT OR IGNORE INTO payloads (hash, body) VALUES (?, ?)`);
    this.bumpCount = db.prepare(`UPDATE runs SET step_count = step_count + ? WHERE id = ?`);
  }

  /**
   * Records a new run. A live run of an installation's workflow is refused while another live run
   * of it is queued or running: two would send the same records twice and race on its watermark.
   * The check and the insert are one immediate transaction, so two starts (from this process or
   * another one on the same file) cannot both pass it. Test syncs write nothing and are not held.
   */
  create(run: NewRun): RunRecord {
    this.db.transaction(() => {
      if (run.mode === 'live' && run.installationId && run.workflowId) this.refuseIfLive(run.installationId, run.workflowId);
      this.db
        .prepare(`INSERT INTO runs (id, workflow_id, workflow_name, doc, mode, status, input, started_at, installation_id, version_ref, root_run_id, test_record_limit) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`)
        .run(run.id, run.workflowId, run.workflowName, run.docJson, run.mode, JSON.stringify(run.input ?? null), run.startedAt, run.installationId ?? null, run.versionRef ?? null, run.rootRunId ?? null, run.testRecordLimit ?? null);
    }).immediate();
    return this.get(run.id);
  }

  /** The live run of this installation's workflow that is queued or running, if any. */
  liveInProgress(installationId: string, workflowId: string): RunRecord | undefined {
    const row = this.db.prepare(`${RUNS} WHERE r.installation_id = ? AND r.workflow_id = ? AND r.mode = 'live' AND r.status IN ('queued', 'running') ORDER BY r.started_at LIMIT 1`)
      .get(installationId, workflowId) as RunRow | undefined;
    return row ? runFromRow(row) : undefined;
  }

  private refuseIfLive(installationId: string, workflowId: string): void {
    const busy = this.liveInProgress(installationId, workflowId);
    if (!busy) return;
    const whose = busy.customerName ? ` for ${busy.customerName}` : '';
    throw new PatchbayError('run_in_progress',
      `"${busy.workflowName}" is already ${busy.status}${whose} (run ${busy.id}, started ${busy.startedAt}); wait for it to finish or cancel it, then run it again.`,
      { runId: busy.id, workflowId, installationId });
  }

  get(id: string): RunRecord {
    const row = this.db.prepare(`${RUNS} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) throw new PatchbayError('not_found', 'That run no longer exists; refresh the list of runs.', { id });
    return runFromRow(row);
  }

  getDoc(id: string): string {
    const row = this.db.prepare(`SELECT doc FROM runs WHERE id = ?`).get(id) as { doc: string } | undefined;
    if (!row) throw new PatchbayError('not_found', 'That run no longer exists; refresh the list of runs.', { id });
    return row.doc;
  }

  list(workflowId: string | undefined, limit: number): RunRecord[] {
    const rows = (workflowId
      ? this.db.prepare(`${RUNS} WHERE r.workflow_id = ? ORDER BY r.started_at DESC LIMIT ?`).all(workflowId, limit)
      : this.db.prepare(`${RUNS} ORDER BY r.started_at DESC LIMIT ?`).all(limit)) as RunRow[];
    return rows.map(runFromRow);
  }

  listForInstallation(installationId: string, limit: number, workflowId?: string): RunRecord[] {
    const rows = (workflowId
      ? this.db.prepare(`${RUNS} WHERE r.installation_id = ? AND r.workflow_id = ? ORDER BY r.started_at DESC LIMIT ?`).all(installationId, workflowId, limit)
      : this.db.prepare(`${RUNS} WHERE r.installation_id = ? ORDER BY r.started_at DESC LIMIT ?`).all(installationId, limit)) as RunRow[];
    return rows.map(runFromRow);
  }

  /** Whether a live run of this workflow ever succeeded for the installation (however many runs since). */
  hasSucceededLive(installationId: string, workflowId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM runs WHERE installation_id = ? AND workflow_id = ? AND mode = 'live' AND status = 'succeeded' LIMIT 1`).get(installationId, workflowId) !== undefined;
  }

  /** Runs across installations for the Runs page. */
  search(f: RunFilter): RunRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add('r.installation_id = ?', f.installationId);
    add('r.workflow_id = ?', f.workflowId);
    add('r.status = ?', f.status);
    add('r.mode = ?', f.mode);
    add('r.started_at >= ?', f.since);
    add('r.started_at < ?', f.until);
    const sql = `${RUNS}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.started_at DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit) as RunRow[]).map(runFromRow);
  }

  listByStatus(status: RunStatus): RunRecord[] {
    return (this.db.prepare(`${RUNS} WHERE r.status = ?`).all(status) as RunRow[]).map(runFromRow);
  }

  finish(id: string, status: RunStatus, finishedAt: string, error: ErrorPayload | null, stopReason: string | null): RunRecord {
    this.db
      .prepare(`UPDATE runs SET status = ?, finished_at = ?, error = ?, stop_reason = ? WHERE id = ?`)
      .run(status, finishedAt, error ? JSON.stringify(error) : null, stopReason, id);
    return this.get(id);
  }

  /** What a step row holds for a payload: the JSON itself, or a reference to it when it is large. */
  private storedPayload(json: string | null): string | null {
    if (json === null || json.length <= INLINE_PAYLOAD_LIMIT) return json;
    const hash = createHash('sha256').update(json).digest('hex');
    this.insertPayload.run(hash, json);
    return JSON.stringify({ [PAYLOAD_REF]: hash });
  }

  private decodePayload(stored: string | null): unknown {
    const value = parse(stored);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && PAYLOAD_REF in value) {
      const row = this.db.prepare(`SELECT body FROM payloads WHERE hash = ?`).get((value as Record<string, string>)[PAYLOAD_REF]) as { body: string } | undefined;
      return row ? JSON.parse(row.body) : null;
    }
    return value;
  }

  /** Writes finished steps in one transaction. */
  appendSteps(steps: readonly (StepRecord & { seq: number; port?: string | null; summarized?: boolean })[]): void {
    this.transaction(() => this.writeSteps(steps.map(encodeStep)));
  }

  /** Writes encoded steps; call inside a transaction (the journal writer's, one per batch). */
  writeSteps(steps: readonly EncodedStep[]): void {
    const counts = new Map<string, number>();
    for (const s of steps) {
      this.insertStep.run(
        s.id, s.runId, s.seq, s.blockId, s.blockKind, s.iteration, s.iterationPath, s.attempt, s.status, this.storedPayload(s.input),
        this.storedPayload(s.output), s.error, s.startedAt, s.finishedAt, s.durationMs, s.port ?? null, s.summarized ? 1 : 0,
      );
      counts.set(s.runId, (counts.get(s.runId) ?? 0) + 1);
    }
    for (const [runId, n] of counts) this.bumpCount.run(n, runId);
  }

  /** Top-level steps that finished, with the port they took: what a resumed run can skip. */
  completedTopLevel(runId: string): { blockId: string; blockKind: string; output: unknown; port: string | null; seq: number; summarized: boolean }[] {
    const rows = this.db.prepare(`SELECT block_id, block_kind, output, port, seq, summarized FROM steps WHERE run_id = ? AND iteration IS NULL AND status = 'succeeded' ORDER BY seq`).all(runId) as
      { block_id: string; block_kind: string; output: string | null; port: string | null; seq: number; summarized: number }[];
    return rows.map((r) => ({ blockId: r.block_id, blockKind: r.block_kind, output: r.summarized ? null : this.decodePayload(r.output), port: r.port, seq: r.seq, summarized: r.summarized === 1 }));
  }

  nextSeq(runId: string): number {
    const row = this.db.prepare(`SELECT MAX(seq) AS seq FROM steps WHERE run_id = ?`).get(runId) as { seq: number | null };
    return (row.seq ?? -1) + 1;
  }

  /** Everything needed to pick an interrupted run up again. */
  resumeInfo(runId: string): ResumeInfo {
    const row = this.db.prepare(`SELECT doc, input, mode, workflow_id, installation_id, version_ref, root_run_id, test_record_limit FROM runs WHERE id = ?`).get(runId) as
      { doc: string; input: string | null; mode: string; workflow_id: string | null; installation_id: string | null; version_ref: string | null; root_run_id: string | null; test_record_limit: number | null } | undefined;
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
  copyCompletedTopLevel(fromRunId: string, toRunId: string, containerKinds: readonly string[]): number {
    const r = this.db.prepare(`INSERT INTO steps (id, run_id, seq, block_id, block_kind, iteration, iteration_path, attempt, status, input, output, error, started_at, finished_at, duration_ms, port)
      SELECT ? || ':' || printf('%010d', seq), ?, seq, block_id, block_kind, iteration, iteration_path, attempt, status, input, output, error, started_at, finished_at, duration_ms, port
      FROM steps WHERE run_id = ? AND iteration IS NULL AND status = 'succeeded' AND summarized = 0 AND block_kind NOT IN (SELECT value FROM json_each(?))`)
      .run(toRunId, toRunId, fromRunId, JSON.stringify(containerKinds));
    this.bumpCount.run(r.changes, toRunId);
    return r.changes;
  }

  markResumed(runId: string): void {
    this.db.prepare(`UPDATE runs SET status = 'running', finished_at = NULL, error = NULL WHERE id = ?`).run(runId);
  }

  /**
   * An interrupted run waits for its turn to resume (`queued`); also what an orderly quit leaves.
   * `crashCount` counts interruptions in a row without progress, `mark` is the progress seen now.
   */
  markQueued(runId: string, crash?: { crashCount: number; mark: number }): void {
    this.db.prepare(`UPDATE runs SET status = 'queued', finished_at = NULL, error = NULL WHERE id = ?`).run(runId);
    if (crash) this.db.prepare(`UPDATE runs SET crash_count = ?, resume_mark = ? WHERE id = ?`).run(crash.crashCount, crash.mark, runId);
  }

  /** What the crash accounting of an interrupted run reads. */
  crashInfo(runId: string): { crashCount: number; resumeMark: number | null; stepCount: number } {
    const row = this.db.prepare(`SELECT crash_count, resume_mark, step_count FROM runs WHERE id = ?`).get(runId) as
      { crash_count: number; resume_mark: number | null; step_count: number } | undefined;
    if (!row) throw new PatchbayError('not_found', `Run ${runId} does not exist.`, { id: runId });
    return { crashCount: row.crash_count, resumeMark: row.resume_mark, stepCount: row.step_count };
  }

  /** Runs `fn` in one transaction (the journal writer commits steps and loop items together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Steps after sequence number `afterSeq`, in order, at most `limit` (keyset paging on (run_id, seq)). */
  steps(runId: string, afterSeq = -1, limit = -1): StepRecord[] {
    const rows = this.db.prepare(`SELECT * FROM steps WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`).all(runId, afterSeq, limit) as StepRow[];
    return rows.map((r) => ({
      id: r.id, runId: r.run_id, blockId: r.block_id, blockKind: r.block_kind, iteration: r.iteration, iterationPath: r.iteration_path, attempt: r.attempt,
      status: r.status as StepRecord['status'], input: this.decodePayload(r.input), output: this.decodePayload(r.output),
      error: parse(r.error) as ErrorPayload | null, startedAt: r.started_at, finishedAt: r.finished_at, durationMs: r.duration_ms,
    }));
  }
}
