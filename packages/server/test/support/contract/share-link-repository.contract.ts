import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ConflictError, ValidationError } from "../../../src/domain/errors.js";
import type { ShareLinkRepository } from "../../../src/ports/share-link-repository.js";
import { at } from "../fixtures.js";
import { makeShareLink } from "../link-fixtures.js";
import { collectPages, malformedCursors } from "./paging.js";

export interface ShareLinkRepositoryHandle {
  repo: ShareLinkRepository;
  close(): Promise<void>;
}

/** The behaviour every `ShareLinkRepository` adapter must have; a fresh, empty repository per case. */
export function shareLinkRepositoryContract(
  name: string,
  make: () => Promise<ShareLinkRepositoryHandle>,
): void {
  describe(`${name} (ShareLinkRepository contract)`, () => {
    let handle: ShareLinkRepositoryHandle;
    let repo: ShareLinkRepository;
    beforeEach(async () => {
      handle = await make();
      repo = handle.repo;
    });
    afterEach(() => handle.close());

    it("stores photo and event links with every field and finds them by id and by token hash", async () => {
      const photoLink = makeShareLink({ id: "s1", allowDownload: true, passwordHash: "scrypt$x" });
      const eventLink = makeShareLink({ id: "s2", target: { kind: "event", eventId: "e1" } });
      await repo.create(photoLink);
      await repo.create(eventLink);
      assert.deepEqual(await repo.get("s1"), photoLink);
      assert.deepEqual(await repo.findByTokenHash("hash-s2"), eventLink);
      const stored = await repo.get("s2");
      assert.equal(stored !== undefined && ("passwordHash" in stored || "revokedAt" in stored), false);
    });

    it("returns undefined for an unknown id or token hash", async () => {
      assert.equal(await repo.get("nope"), undefined);
      assert.equal(await repo.findByTokenHash("nope"), undefined);
    });

    it("refuses a taken id or token hash with ConflictError", async () => {
      await repo.create(makeShareLink({ id: "s1" }));
      await assert.rejects(repo.create(makeShareLink({ id: "s1", tokenHash: "other" })), ConflictError);
      await assert.rejects(repo.create(makeShareLink({ id: "s2", tokenHash: "hash-s1" })), ConflictError);
      assert.equal(await repo.get("s2"), undefined);
    });

    it("revokes once: the first revocation time stays, and an unknown id gives undefined", async () => {
      await repo.create(makeShareLink({ id: "s1" }));
      assert.deepEqual((await repo.revoke("s1", at(10)))?.revokedAt, at(10));
      assert.deepEqual((await repo.revoke("s1", at(20)))?.revokedAt, at(10));
      assert.deepEqual((await repo.findByTokenHash("hash-s1"))?.revokedAt, at(10));
      assert.equal(await repo.revoke("nope", at(10)), undefined);
    });

    it("lists one owner's links newest first in keyset pages", async () => {
      for (let i = 1; i <= 5; i++) await repo.create(makeShareLink({ id: `s${i}`, createdAt: at(i) }));
      await repo.create(makeShareLink({ id: "tie", createdAt: at(5) }));
      await repo.create(makeShareLink({ id: "other", ownerId: "user-2", createdAt: at(9) }));
      const pages = await collectPages(
        (page) => repo.listByOwner("user-1", page),
        2,
        (l) => l.id,
      );
      assert.deepEqual(pages, [
        ["tie", "s5"],
        ["s4", "s3"],
        ["s2", "s1"],
      ]);
    });

    for (const [label, cursor] of malformedCursors()) {
      it(`refuses a malformed cursor (${label}) with ValidationError`, async () => {
        await assert.rejects(repo.listByOwner("user-1", { limit: 5, cursor }), ValidationError);
      });
    }

    it("deletes every link showing a photo or an event, and nothing else", async () => {
      await repo.create(makeShareLink({ id: "s1" }));
      await repo.create(makeShareLink({ id: "s2", ownerId: "user-2" }));
      await repo.create(makeShareLink({ id: "s3", target: { kind: "photo", photoId: "p2" } }));
      await repo.create(makeShareLink({ id: "s4", target: { kind: "event", eventId: "e1" } }));
      await repo.deleteByTarget({ kind: "photo", photoId: "p1" });
      await repo.deleteByTarget({ kind: "event", eventId: "e1" });
      await repo.deleteByTarget({ kind: "event", eventId: "none" });
      assert.equal(await repo.get("s1"), undefined);
      assert.equal(await repo.get("s2"), undefined);
      assert.equal(await repo.findByTokenHash("hash-s1"), undefined);
      assert.equal(await repo.get("s4"), undefined);
      assert.equal((await repo.get("s3"))?.id, "s3");
      // Its token is free again.
      await repo.create(makeShareLink({ id: "s5", tokenHash: "hash-s1" }));
    });
  });
}
