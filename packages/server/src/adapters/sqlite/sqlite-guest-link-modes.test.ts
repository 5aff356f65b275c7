import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openDatabase } from "./database.js";
import { applyMigrations } from "./migrations.js";
import { GUEST_LINK_MIGRATIONS, SqliteGuestLinkRepository } from "./sqlite-guest-link.repository.js";

describe("SqliteGuestLinkRepository's mode migration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoebox-guest-modes-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps a link stored before modes existed a drop box (upload_only), without a reveal time", async () => {
    const db = openDatabase(path.join(dir, "old.db"));
    applyMigrations(db, "guest_links", GUEST_LINK_MIGRATIONS.slice(0, 1));
    db.prepare(
      `INSERT INTO guest_links (id, token_hash, event_id, created_by, uploads, bytes, created_at, expires_at)
       VALUES ('old', 'hash-old', 'event-1', 'user-1', 0, 0, 1, 4102444800000)`,
    ).run();
    const repo = SqliteGuestLinkRepository.open(db);
    const link = await repo.get("old");
    assert.equal(link?.mode, "upload_only");
    assert.equal(link !== undefined && "revealAt" in link, false);
    db.close();
  });
});
