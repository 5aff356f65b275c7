import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { type Database, openDatabase } from "./database.js";
import { GroupCommit } from "./group-commit.js";

describe(GroupCommit.name, () => {
  let dir: string;
  let db: Database;
  let sut: GroupCommit;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-group-commit-"));
    db = openDatabase(join(dir, "test.sqlite"));
    db.exec("CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    sut = new GroupCommit(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: string, n: number) => () =>
    db.prepare("INSERT INTO items VALUES (?, ?)").run(id, n).changes;
  const count = () => db.prepare("SELECT COUNT(*) FROM items").pluck().get();

  it("runs the writes queued in one turn in one batch, in order, and resolves each with its result", async () => {
    const order: string[] = [];
    const tracked = (id: string, n: number) => () => {
      order.push(id);
      return insert(id, n)();
    };
    const pending = [sut.run(tracked("a", 1)), sut.run(tracked("b", 2)), sut.run(tracked("c", 3))];
    assert.deepEqual(order, [], "nothing runs before the turn ends");
    assert.deepEqual(await Promise.all(pending), [1, 1, 1]);
    assert.deepEqual(order, ["a", "b", "c"]);
    assert.equal(count(), 3);
  });

  it("rolls back and rejects only the write that throws", async () => {
    await sut.run(insert("a", 1));
    const outcomes = await Promise.allSettled([
      sut.run(insert("b", 2)),
      sut.run(insert("a", 9)), // duplicate key
      sut.run(insert("c", 3)),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ["fulfilled", "rejected", "fulfilled"],
    );
    assert.equal(count(), 3);
    assert.equal(db.prepare("SELECT n FROM items WHERE id = 'a'").pluck().get(), 1);
  });

  it("undoes every statement of a failing write, also those it ran before it failed", async () => {
    await sut.run(insert("a", 1));
    const outcomes = await Promise.allSettled([
      sut.run(insert("b", 2)),
      sut.run(() => {
        insert("d", 4)();
        return insert("a", 9)(); // duplicate key, after "d" went in
      }),
      sut.run(insert("c", 3)),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ["fulfilled", "rejected", "fulfilled"],
    );
    assert.deepEqual(db.prepare("SELECT id FROM items ORDER BY id").pluck().all(), ["a", "b", "c"]);
  });

  it("starts a new batch for writes queued after a flush", async () => {
    await sut.run(insert("a", 1));
    await sut.run(insert("b", 2));
    assert.equal(count(), 2);
  });
});
