import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { checkpointInBackground } from "./background-checkpoints.js";
import { type Database, openDatabase } from "./database.js";

describe(checkpointInBackground.name, () => {
  let dir: string;
  let file: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-checkpoints-"));
    file = join(dir, "test.sqlite");
    db = openDatabase(file);
    db.exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** ~8 MB of committed pages, all in the write-ahead log until someone checkpoints. */
  const writeEightMegabytes = () => {
    const insert = db.prepare("INSERT INTO blobs (data) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(4000, i % 251));
    })();
  };

  const waitFor = async (condition: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return condition();
  };

  it("folds the log into the database file from another thread, so the request thread never has to", async () => {
    const checkpoints = checkpointInBackground(db, file, (message) => assert.fail(message));
    try {
      assert.equal(
        db.pragma("wal_autocheckpoint", { simple: true }),
        20_000,
        "request thread's own threshold",
      );
      writeEightMegabytes();
      assert.ok(statSync(file).size < 1_000_000, "the commit itself did not checkpoint");
      assert.ok(
        await waitFor(() => statSync(file).size > 8_000_000, 5000),
        `database file is ${statSync(file).size} bytes: the background checkpoint did not run`,
      );
    } finally {
      await checkpoints.stop();
    }
    assert.equal(db.prepare("SELECT COUNT(*) FROM blobs").pluck().get(), 2000);
  });

  it("leaves the log alone once stopped", async () => {
    const checkpoints = checkpointInBackground(db, file, (message) => assert.fail(message));
    await checkpoints.stop();
    writeEightMegabytes();
    await new Promise((r) => setTimeout(r, 600));
    assert.ok(statSync(file).size < 1_000_000);
  });
});
