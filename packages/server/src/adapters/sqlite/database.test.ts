import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { makeEvent, makePhoto, organizerOf } from "../../../test/support/fixtures.js";
import { type Database, openDatabase } from "./database.js";
import { EVENT_MIGRATIONS } from "./event-rows.js";
import { applyMigrations } from "./migrations.js";
import { PHOTO_MIGRATIONS } from "./photo-rows.js";
import { SqliteEventRepository } from "./sqlite-event.repository.js";
import { SqlitePhotoRepository } from "./sqlite-photo.repository.js";

describe(openDatabase.name, () => {
  let dir: string;
  let file: string;
  const open: Database[] = [];
  const openHere = () => {
    const db = openDatabase(file);
    open.push(db);
    return db;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoebox-db-"));
    file = path.join(dir, "shoebox.db");
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens the file in WAL mode with NORMAL sync, foreign keys and a busy timeout", () => {
    const db = openHere();
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("synchronous", { simple: true }), 1);
    assert.equal(db.pragma("foreign_keys", { simple: true }), 1);
    assert.ok(Number(db.pragma("busy_timeout", { simple: true })) >= 1000);
  });

  it("keeps both repositories' data in one file across a reopen, creating tables only once", async () => {
    const first = openHere();
    const event = makeEvent({ id: "e1" });
    await SqliteEventRepository.open(first).create(event, organizerOf(event));
    await SqlitePhotoRepository.open(first).create(makePhoto({ id: "p1", eventId: "e1" }));
    first.close();

    const second = openHere();
    const events = SqliteEventRepository.open(second);
    const photos = SqlitePhotoRepository.open(second);
    assert.deepEqual(await events.get("e1"), event);
    assert.equal((await photos.get("p1"))?.eventId, "e1");
    const versions = second
      .prepare("SELECT component, version FROM schema_versions ORDER BY component")
      .all();
    assert.deepEqual(versions, [
      { component: "events", version: EVENT_MIGRATIONS.length },
      { component: "photos", version: PHOTO_MIGRATIONS.length },
    ]);
  });

  it("shows one connection's writes to another connection on the same file", async () => {
    const writer = SqlitePhotoRepository.open(openHere());
    const reader = SqlitePhotoRepository.open(openHere());
    await writer.create(makePhoto({ id: "p1" }));
    assert.equal((await reader.get("p1"))?.id, "p1");
  });
});

describe(applyMigrations.name, () => {
  let db: Database;
  beforeEach(() => {
    db = openDatabase(":memory:");
  });
  afterEach(() => db.close());

  it("applies only the steps a component has not seen, in order", () => {
    const applied: number[] = [];
    const step = (n: number) => () => void applied.push(n);
    applyMigrations(db, "demo", [step(1)]);
    applyMigrations(db, "demo", [step(1), step(2), step(3)]);
    applyMigrations(db, "other", [step(9)]);
    assert.deepEqual(applied, [1, 2, 3, 9]);
  });

  it("rolls back a failing step together with the version record", () => {
    db.exec("CREATE TABLE t (x INTEGER) STRICT");
    const failing = () => {
      db.exec("INSERT INTO t VALUES (1)");
      throw new Error("step failed");
    };
    assert.throws(() => applyMigrations(db, "demo", [failing]), /step failed/);
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM t").get(), { n: 0 });
    assert.deepEqual(db.prepare("SELECT * FROM schema_versions").all(), []);
  });

  it("refuses to run against a schema newer than the code", () => {
    applyMigrations(db, "demo", [() => {}, () => {}]);
    assert.throws(() => applyMigrations(db, "demo", [() => {}]), /newer than this code/);
  });
});
