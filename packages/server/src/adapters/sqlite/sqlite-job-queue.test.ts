import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { type DeadLetter, SqliteJobQueue } from "./sqlite-job-queue.js";

describe(SqliteJobQueue.name, () => {
  let dir: string;
  let file: string;
  const open = () => new Database(file);
  const queueAttempts = () => {
    const db = open();
    const attempts = db.prepare("SELECT MAX(attempts) FROM jobs").pluck().get();
    db.close();
    return attempts;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-queue-"));
    file = join(dir, "queue.sqlite");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs each enqueued job once, in order, with its payload", async () => {
    const queue = new SqliteJobQueue(open(), { concurrency: 1 });
    const seen: unknown[] = [];
    queue.start({ greet: async (payload) => void seen.push(payload) });
    queue.enqueue("greet", { n: 1 });
    queue.enqueue("greet", { n: 2 });
    await queue.drained();
    await queue.stop();
    assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
  });

  it("ignores a second job with the same dedupe key", async () => {
    const queue = new SqliteJobQueue(open());
    assert.equal(queue.enqueue("x", {}, { dedupeKey: "event-1" }), true);
    assert.equal(queue.enqueue("x", {}, { dedupeKey: "event-1" }), false);
    let runs = 0;
    queue.start({ x: async () => void runs++ });
    await queue.drained();
    await queue.stop();
    assert.equal(runs, 1);
  });

  it("retries a failing job with backoff and succeeds on a later attempt", async () => {
    const queue = new SqliteJobQueue(open(), { baseRetryDelayMs: 5, pollIntervalMs: 5 });
    const attempts: number[] = [];
    queue.start({
      flaky: async (_payload, attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error("not yet");
      },
    });
    queue.enqueue("flaky", {});
    await queue.drained();
    await queue.stop();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(queue.deadLetters(), []);
  });

  it("turns a job that keeps failing into a dead letter and reports it; redrive runs it again", async () => {
    const queue = new SqliteJobQueue(open(), { maxAttempts: 2, baseRetryDelayMs: 1, pollIntervalMs: 5 });
    const letters: DeadLetter[] = [];
    let healthy = false;
    queue.start(
      {
        broken: async () => {
          if (!healthy) throw new TypeError("cannot read photo");
        },
      },
      async (letter) => void letters.push(letter),
    );
    queue.enqueue("broken", { photoId: "p1" });
    await queue.drained();
    assert.equal(letters.length, 1);
    assert.deepEqual(letters[0]?.payload, { photoId: "p1" });
    assert.equal(letters[0]?.attempts, 2);
    assert.match(letters[0]?.lastError ?? "", /TypeError: cannot read photo/);
    assert.equal(queue.deadLetters().length, 1);

    healthy = true;
    assert.equal(queue.redrive(letters[0]!.id), true);
    await queue.drained();
    await queue.stop();
    assert.deepEqual(queue.deadLetters(), []);
  });

  it("resumes after a restart a job that was running when the process died", async () => {
    const first = new SqliteJobQueue(open());
    first.enqueue("work", { id: 7 });
    // Simulate a crash mid-job: lease it by hand the way a worker does, then abandon the process state.
    const db = open();
    db.prepare("UPDATE jobs SET state = 'running', attempts = 1").run();
    db.close();

    const second = new SqliteJobQueue(open());
    const seen: unknown[] = [];
    second.start({ work: async (payload) => void seen.push(payload) });
    await second.drained();
    await second.stop();
    assert.deepEqual(seen, [{ id: 7 }]);
  });

  it("counts an attempt the process did not survive, and dead-letters the job at start once none is left", async () => {
    const seeded = open();
    new SqliteJobQueue(seeded).enqueue("poison", { photoId: "p1" });
    seeded.close();
    const attemptsSeen: number[] = [];
    for (let run = 1; run <= 3; run++) {
      // A process that leases the job and dies during it: the handler never settles, the state is abandoned.
      const db = open();
      const doomed = new SqliteJobQueue(db, { maxAttempts: 3 });
      const leased = new Promise<void>((resolve) =>
        doomed.start({
          poison: (_payload, attempt, progress) => {
            attemptsSeen.push(attempt);
            progress("variants");
            resolve();
            return new Promise<void>(() => {});
          },
        }),
      );
      await leased;
      void doomed.stop();
      db.close();
    }

    const letters: DeadLetter[] = [];
    const restarted = new SqliteJobQueue(open(), { maxAttempts: 3, pollIntervalMs: 5 });
    let runsAfterRestart = 0;
    restarted.start(
      { poison: async () => void runsAfterRestart++ },
      async (letter) => void letters.push(letter),
    );
    await restarted.drained();
    await restarted.stop();

    assert.deepEqual(attemptsSeen, [1, 2, 3]);
    assert.equal(runsAfterRestart, 0, "a job with no attempt left never runs again");
    assert.equal(letters.length, 1);
    assert.deepEqual(letters[0]?.payload, { photoId: "p1" });
    assert.equal(letters[0]?.attempts, 3);
    assert.equal(letters[0]?.stoppedProcess, true);
    assert.equal(letters[0]?.progress, "variants");
    assert.equal(queueAttempts(), 3, "the count never passes maxAttempts");
    assert.equal(restarted.deadLetters()[0]?.stoppedProcess, true);
  });

  it("never leases a job past maxAttempts, even when the budget was lowered since", async () => {
    const first = new SqliteJobQueue(open(), { maxAttempts: 5, baseRetryDelayMs: 1, pollIntervalMs: 5 });
    first.enqueue("flaky", {});
    let runs = 0;
    first.start({
      flaky: async () => {
        runs++;
        if (runs === 2) void first.stop();
        throw new Error("still broken");
      },
    });
    while (runs < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.stop();

    const letters: DeadLetter[] = [];
    const lowered = new SqliteJobQueue(open(), { maxAttempts: 2, pollIntervalMs: 5 });
    lowered.start({ flaky: async () => void runs++ }, async (letter) => void letters.push(letter));
    await lowered.drained();
    await lowered.stop();
    assert.equal(runs, 2);
    assert.equal(letters.length, 1);
    assert.equal(letters[0]?.stoppedProcess, false);
    assert.match(letters[0]?.lastError ?? "", /still broken/);
  });

  it("keeps queued jobs across a restart", async () => {
    new SqliteJobQueue(open()).enqueue("later", { ok: true });
    const reopened = new SqliteJobQueue(open());
    const seen: unknown[] = [];
    reopened.start({ later: async (payload) => void seen.push(payload) });
    await reopened.drained();
    await reopened.stop();
    assert.deepEqual(seen, [{ ok: true }]);
  });
});
