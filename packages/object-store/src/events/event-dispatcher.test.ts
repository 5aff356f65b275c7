import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JournalEntry } from "../catalog/catalog.js";
import { EventDispatcher, type EventJournal } from "./event-dispatcher.js";
import type { S3EventMessage } from "./event-types.js";

/** An in-memory journal: entries in order, attempts counted. */
function memoryJournal(keys: string[]): EventJournal & { entries: JournalEntry[] } {
  const entries = keys.map((key, i) => ({
    seq: i + 1,
    attempts: 0,
    message: JSON.stringify({ Records: [{ s3: { object: { key } } }] }),
  }));
  return {
    entries,
    oldestEvent: () => entries[0],
    removeEvent: (seq) => {
      const index = entries.findIndex((e) => e.seq === seq);
      if (index >= 0) entries.splice(index, 1);
    },
    recordFailedAttempt: (seq) => {
      const entry = entries.find((e) => e.seq === seq);
      if (entry) entry.attempts++;
    },
  };
}

const keyOf = (m: S3EventMessage) => m.Records[0]!.s3.object.key;

describe(EventDispatcher.name, () => {
  it("delivers in journal order and removes each entry only after the subscriber resolves", async () => {
    const journal = memoryJournal(["a", "b"]);
    const dispatcher = new EventDispatcher(journal, { baseDelayMs: 1 });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      dispatcher.subscribe(async (m) => {
        assert.equal(
          journal.entries[0]?.seq,
          seen.length + 1,
          "the entry is still journaled while delivered",
        );
        seen.push(keyOf(m));
        if (seen.length === 2) resolve();
      });
    });
    await dispatcher.close();
    assert.deepEqual(seen, ["a", "b"]);
    assert.equal(journal.entries.length, 0);
  });

  it("retries a refused event before moving on, counting attempts", async () => {
    const journal = memoryJournal(["a", "b"]);
    const dispatcher = new EventDispatcher(journal, { baseDelayMs: 1 });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      dispatcher.subscribe(async (m) => {
        seen.push(keyOf(m));
        if (seen.length <= 2) throw new Error("not yet");
        if (keyOf(m) === "b") resolve();
      });
    });
    await dispatcher.close();
    assert.deepEqual(seen, ["a", "a", "a", "b"]);
  });

  it("leaves an event journaled when close() gives up on a delivery that never finishes", async () => {
    const journal = memoryJournal(["a"]);
    const dispatcher = new EventDispatcher(journal, { baseDelayMs: 1, closeGraceMs: 10 });
    const unsubscribe = dispatcher.subscribe(() => new Promise<void>(() => {}));
    unsubscribe();
    await dispatcher.close();
    assert.equal(journal.entries.length, 1);
  });
});
