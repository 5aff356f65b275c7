import type { Database, Statement } from "better-sqlite3";

/**
 * A durable job queue in the host's SQLite file: the embedded stand-in for S3 → SQS (with a dead-letter
 * queue) → Lambda. Jobs survive restarts; a job whose worker died mid-run (process crash) is leased again
 * after start; failures are retried with exponential backoff; after `maxAttempts` a job becomes a dead letter
 * and `onDeadLetter` is told, so the service can mark what it was working on as failed.
 *
 * An attempt is counted when the lease is taken (same statement), not when it ends, so a job that kills the
 * process still uses up its attempts: like SQS's receive count and `maxReceiveCount`. At start, a job left
 * running by a dead process that has no attempt left becomes a dead letter (`stoppedProcess`) instead of
 * running again; without this one poison job would take the host down after every restart.
 *
 * Delivery is at least once: handlers must be idempotent (the photo pipeline is, keyed by photo id + ETag).
 */
export interface JobQueueOptions {
  maxAttempts: number;
  /** First retry delay; doubled per attempt up to `maxRetryDelayMs`. */
  baseRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** How many jobs run at once (the pipeline is CPU-bound: one per core). */
  concurrency: number;
  /** How often to look for jobs whose retry time has come, when nothing woke the worker. */
  pollIntervalMs: number;
  now?: () => number;
}

/**
 * Runs one job. `progress` records a short note (e.g. the step now running) on the job's row, so that if
 * the process dies during the job, its dead letter can say where.
 */
export type JobHandler<Payload = unknown> = (
  payload: Payload,
  attempt: number,
  progress: (note: string) => void,
) => Promise<void>;

/** Payload type per job type, e.g. `{ pipeline: PipelineJob }`: enqueue, handlers and dead letters agree. */
export type JobTypes = Record<string, unknown>;

/** A job that ran out of attempts, typed by its job type. */
export type DeadLetter<Jobs extends JobTypes = JobTypes> = {
  [Type in keyof Jobs & string]: {
    id: number;
    type: Type;
    payload: Jobs[Type];
    attempts: number;
    lastError: string;
    /** True when the last attempt ended with the process stopping (a crash, a kill), not a thrown error. */
    stoppedProcess: boolean;
    /** The last `progress` note of the last attempt, if the handler left one. */
    progress?: string;
  };
}[keyof Jobs & string];

export type JobHandlers<Jobs extends JobTypes> = { [Type in keyof Jobs & string]: JobHandler<Jobs[Type]> };

interface JobRow {
  id: number;
  type: string;
  payload: string;
  attempts: number;
}

interface StoppedJobRow extends JobRow {
  progress: string | null;
}

/** The last error of a job whose last attempt ended with the process stopping, not with an error. */
export const PROCESS_STOPPED = "ProcessStopped: the process stopped during the job's last attempt";

/** Finished jobs are kept this long so a late redelivery of the same event still dedupes. */
const DONE_RETENTION_MS = 7 * 24 * 3600 * 1000;

const DEFAULTS: JobQueueOptions = {
  maxAttempts: 5,
  baseRetryDelayMs: 500,
  maxRetryDelayMs: 60_000,
  concurrency: 2,
  pollIntervalMs: 250,
};

/** The payloads are JSON in the table; `Jobs` says what each type holds, so no caller casts them. */
export class SqliteJobQueue<Jobs extends JobTypes = JobTypes> {
  private readonly options: JobQueueOptions;
  private readonly now: () => number;
  private readonly statements: ReturnType<typeof prepare>;
  private handlers = new Map<string, JobHandler<never>>();
  private onDeadLetter: (letter: DeadLetter<Jobs>) => Promise<void> = async () => {};
  private running = 0;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];

  constructor(db: Database, options: Partial<JobQueueOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.now = this.options.now ?? Date.now;
    createSchema(db);
    this.statements = prepare(db);
  }

  /**
   * Adds a job unless one with the same `dedupeKey` was ever enqueued (the store delivers each S3 notification at
   * least once; the key makes the second delivery a no-op). Returns whether a job was added.
   */
  enqueue<Type extends keyof Jobs & string>(
    type: Type,
    payload: Jobs[Type],
    options: { dedupeKey?: string } = {},
  ): boolean {
    const result = this.statements.insert.run({
      type,
      payload: JSON.stringify(payload),
      dedupeKey: options.dedupeKey ?? null,
      now: this.now(),
    });
    if (result.changes > 0) this.wake();
    return result.changes > 0;
  }

  /** Starts working. Leases left by a previous process are released first: it is gone, its jobs resume. */
  start(handlers: JobHandlers<Jobs>, onDeadLetter?: (letter: DeadLetter<Jobs>) => Promise<void>): void {
    this.handlers = new Map(Object.entries(handlers as Record<string, JobHandler<never>>));
    if (onDeadLetter) this.onDeadLetter = onDeadLetter;
    const exhausted = this.buryExhausted();
    this.statements.releaseLeases.run();
    this.statements.pruneDone.run({ before: this.now() - DONE_RETENTION_MS });
    this.stopped = false;
    this.wake();
    for (const letter of exhausted) void this.onDeadLetter(letter).catch(() => {});
  }

  /**
   * Jobs with no attempt left that are not finished: those a dead process left `running` (it stopped
   * during their last attempt), and queued ones whose budget a lower `maxAttempts` has since used up.
   */
  private buryExhausted(): DeadLetter<Jobs>[] {
    const rows = this.statements.buryExhausted.all({
      maxAttempts: this.options.maxAttempts,
      error: PROCESS_STOPPED,
    }) as (StoppedJobRow & { last_error: string })[];
    return rows.map((row) => this.letterOf(row, row.last_error));
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Resolves when no job is queued, due or running (tests and graceful shutdown). */
  async drained(): Promise<void> {
    while (this.running > 0 || this.statements.countQueued.pluck().get() !== 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  deadLetters(): DeadLetter<Jobs>[] {
    return (this.statements.listDead.all() as (StoppedJobRow & { last_error: string })[]).map((row) =>
      this.letterOf(row, row.last_error),
    );
  }

  /** A row as a dead letter; its type and payload are what `enqueue` stored under the `Jobs` typing. */
  private letterOf(row: JobRow & { progress?: string | null }, lastError: string): DeadLetter<Jobs> {
    const payload: unknown = JSON.parse(row.payload);
    return {
      id: row.id,
      type: row.type,
      payload,
      attempts: row.attempts,
      lastError,
      stoppedProcess: lastError === PROCESS_STOPPED,
      ...(row.progress == null ? {} : { progress: row.progress }),
    } as DeadLetter<Jobs>;
  }

  /** Puts a dead letter back in the queue with a fresh attempt budget. */
  redrive(id: number): boolean {
    const changed = this.statements.redrive.run({ id, now: this.now() }).changes > 0;
    if (changed) this.wake();
    return changed;
  }

  private wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    while (this.running < this.options.concurrency) {
      const job = this.lease();
      if (!job) break;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
        this.wake();
      });
    }
    const next = this.statements.nextDue.pluck().get() as number | null;
    const delay = next === null ? this.options.pollIntervalMs : Math.max(0, next - this.now());
    this.timer = setTimeout(() => this.wake(), Math.min(delay, this.options.pollIntervalMs));
    this.timer.unref();
  }

  /**
   * Claims the oldest due job and counts the attempt, in one statement: two workers never take the same
   * job, and an attempt the process does not survive is counted all the same. A job with no attempt left
   * is never leased (`buryExhausted` takes it at the next start).
   */
  private lease(): JobRow | undefined {
    return this.statements.lease.get({ now: this.now(), maxAttempts: this.options.maxAttempts }) as
      | JobRow
      | undefined;
  }

  private async run(job: JobRow): Promise<void> {
    const attempt = job.attempts;
    try {
      const handler = this.handlers.get(job.type);
      if (!handler) throw new Error(`no handler for job type "${job.type}"`);
      await (handler as JobHandler<unknown>)(JSON.parse(job.payload), attempt, (note) =>
        this.statements.progress.run({ id: job.id, note }),
      );
      this.statements.complete.run({ id: job.id });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (attempt >= this.options.maxAttempts) {
        this.statements.bury.run({ id: job.id, error: message });
        await this.onDeadLetter(this.letterOf({ ...job, attempts: attempt }, message)).catch(() => {});
      } else {
        const delay = Math.min(
          this.options.baseRetryDelayMs * 2 ** (attempt - 1),
          this.options.maxRetryDelayMs,
        );
        this.statements.retry.run({ id: job.id, error: message, runAfter: this.now() + delay });
      }
    }
  }
}

function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS jobs (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      type        TEXT NOT NULL,
      payload     TEXT NOT NULL,
      dedupe_key  TEXT UNIQUE,
      state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
      attempts    INTEGER NOT NULL DEFAULT 0,
      run_after   INTEGER NOT NULL,
      last_error  TEXT,
      created_at  INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, run_after, id);
  `);
  // Added after the first release: a data dir made before it gains the column in place.
  const columns = db.prepare("SELECT name FROM pragma_table_info('jobs')").pluck().all();
  if (!columns.includes("progress")) db.exec("ALTER TABLE jobs ADD COLUMN progress TEXT");
}

function prepare(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  return {
    insert: statement(`INSERT INTO jobs (type, payload, dedupe_key, run_after, created_at)
                       VALUES (@type, @payload, @dedupeKey, @now, @now) ON CONFLICT (dedupe_key) DO NOTHING`),
    lease: statement(`UPDATE jobs SET state = 'running', attempts = attempts + 1, progress = NULL
                      WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= @now
                                  AND attempts < @maxAttempts ORDER BY run_after, id LIMIT 1)
                      RETURNING id, type, payload, attempts`),
    progress: statement(`UPDATE jobs SET progress = @note WHERE id = @id`),
    buryExhausted: statement(`UPDATE jobs SET state = 'dead',
                                last_error = CASE state WHEN 'running' THEN @error ELSE COALESCE(last_error, @error) END
                              WHERE state IN ('running', 'queued') AND attempts >= @maxAttempts
                              RETURNING id, type, payload, attempts, progress, last_error`),
    complete: statement(`UPDATE jobs SET state = 'done', payload = '{}', last_error = NULL WHERE id = @id`),
    retry: statement(
      `UPDATE jobs SET state = 'queued', run_after = @runAfter, last_error = @error WHERE id = @id`,
    ),
    bury: statement(`UPDATE jobs SET state = 'dead', last_error = @error WHERE id = @id`),
    redrive: statement(
      `UPDATE jobs SET state = 'queued', attempts = 0, progress = NULL, run_after = @now WHERE id = @id AND state = 'dead'`,
    ),
    releaseLeases: statement(`UPDATE jobs SET state = 'queued' WHERE state = 'running'`),
    pruneDone: statement(`DELETE FROM jobs WHERE state = 'done' AND created_at < @before`),
    nextDue: statement(`SELECT MIN(run_after) FROM jobs WHERE state = 'queued'`),
    countQueued: statement(`SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')`),
    listDead: statement(
      `SELECT id, type, payload, attempts, last_error, progress FROM jobs WHERE state = 'dead' ORDER BY id`,
    ),
  };
}
