import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eventRepositoryContract } from "../../../test/support/contract/event-repository.contract.js";
import { guestLinkRepositoryContract } from "../../../test/support/contract/guest-link-repository.contract.js";
import { photoRepositoryContract } from "../../../test/support/contract/photo-repository.contract.js";
import { shareLinkRepositoryContract } from "../../../test/support/contract/share-link-repository.contract.js";
import { openDatabase } from "./database.js";
import { SqliteEventRepository } from "./sqlite-event.repository.js";
import { SqliteGuestLinkRepository } from "./sqlite-guest-link.repository.js";
import { SqlitePhotoRepository } from "./sqlite-photo.repository.js";
import { SqliteShareLinkRepository } from "./sqlite-share-link.repository.js";

/** A fresh database file in its own temp directory, removed on close. */
function temporaryDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoebox-sqlite-"));
  const db = openDatabase(path.join(dir, "shoebox.db"));
  return {
    db,
    close: async () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

photoRepositoryContract("SqlitePhotoRepository", async () => {
  const { db, close } = temporaryDatabase();
  return { repo: SqlitePhotoRepository.open(db), close };
});

eventRepositoryContract("SqliteEventRepository", async () => {
  const { db, close } = temporaryDatabase();
  return { repo: SqliteEventRepository.open(db), close };
});

shareLinkRepositoryContract("SqliteShareLinkRepository", async () => {
  const { db, close } = temporaryDatabase();
  return { repo: SqliteShareLinkRepository.open(db), close };
});

guestLinkRepositoryContract("SqliteGuestLinkRepository", async () => {
  const { db, close } = temporaryDatabase();
  return { repo: SqliteGuestLinkRepository.open(db), close };
});
