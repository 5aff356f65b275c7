import type { Database } from "./database.js";

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits the writes queued during one turn of the event loop in a single SQLite transaction.
 *
 * Why: a commit in WAL mode appends every page it changed — a photo insert touches the table and six
 * indexes, ~140 µs alone — while the same pages changed by many inserts are appended once. Under load the
 * API issues dozens of tickets per turn, so batching them costs each request one `setImmediate` of latency
 * and saves most of its write. A write that throws fails alone: the batch is rolled back and run again with
 * each write in its own savepoint (a savepoint per write on every batch would cost a third of an insert),
 * so the others still commit. `work` must therefore only touch the database, as it may run twice. A
 * caller's promise settles only after the commit.
 */
export class GroupCommit {
  private queue: QueuedWrite[] = [];
  private scheduled = false;
  private readonly commitAll: (batch: QueuedWrite[]) => unknown[];
  private readonly commitEachAlone: (batch: QueuedWrite[]) => Outcome[];

  constructor(db: Database) {
    // Prepared once: better-sqlite3 builds a wrapper (and its BEGIN/SAVEPOINT statements) per `transaction()`.
    this.commitAll = db.transaction((batch: QueuedWrite[]) => batch.map(({ work }) => work()));
    const inSavepoint = db.transaction((work: () => unknown) => work());
    this.commitEachAlone = db.transaction((batch: QueuedWrite[]) =>
      batch.map(({ work }): Outcome => {
        try {
          return { ok: true, value: inSavepoint(work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Queues `work` (synchronous SQLite statements) for the next batch; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    let outcomes: Outcome[];
    try {
      outcomes = this.commitAll(batch).map((value) => ({ ok: true, value }));
    } catch {
      try {
        outcomes = this.commitEachAlone(batch);
      } catch (error) {
        for (const { reject } of batch) reject(error);
        return;
      }
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
