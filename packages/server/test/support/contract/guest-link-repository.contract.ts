import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ConflictError } from "../../../src/domain/errors.js";
import type { GuestLinkRepository } from "../../../src/ports/guest-link-repository.js";
import { at } from "../fixtures.js";
import { makeGuestLink } from "../link-fixtures.js";
import { collectPages } from "./paging.js";

export interface GuestLinkRepositoryHandle {
  repo: GuestLinkRepository;
  close(): Promise<void>;
}

/** The behaviour every `GuestLinkRepository` adapter must have; a fresh, empty repository per case. */
export function guestLinkRepositoryContract(
  name: string,
  make: () => Promise<GuestLinkRepositoryHandle>,
): void {
  describe(`${name} (GuestLinkRepository contract)`, () => {
    let handle: GuestLinkRepositoryHandle;
    let repo: GuestLinkRepository;
    beforeEach(async () => {
      handle = await make();
      repo = handle.repo;
    });
    afterEach(() => handle.close());

    it("stores a link with every field and finds it by id and by token hash", async () => {
      const link = makeGuestLink({ id: "g1", passwordHash: "scrypt$x", maxUploads: 3, maxBytes: 1000 });
      await repo.create(link);
      assert.deepEqual(await repo.get("g1"), link);
      assert.deepEqual(await repo.findByTokenHash("hash-g1"), link);
      await repo.create(makeGuestLink({ id: "g2" }));
      const bare = await repo.get("g2");
      assert.equal(bare !== undefined && ("maxUploads" in bare || "maxBytes" in bare), false);
    });

    it("keeps each link's mode, and a view_after_reveal link's reveal time, through every read", async () => {
      await repo.create(makeGuestLink({ id: "g1", mode: "upload_only" }));
      await repo.create(makeGuestLink({ id: "g2", mode: "view_after_reveal", revealAt: at(3600) }));
      assert.equal((await repo.get("g1"))?.mode, "upload_only");
      assert.equal((await repo.get("g1"))?.revealAt, undefined);
      assert.deepEqual(
        await repo.findByTokenHash("hash-g2"),
        makeGuestLink({
          id: "g2",
          mode: "view_after_reveal",
          revealAt: at(3600),
        }),
      );
      const listed = await repo.listByEvent("event-1", { limit: 10 });
      assert.deepEqual(
        listed.items.map((l) => [l.id, l.mode]),
        [
          ["g2", "view_after_reveal"],
          ["g1", "upload_only"],
        ],
      );
      const reserved = await repo.reserveUpload("g2", 5, at(1));
      assert.deepEqual([reserved?.mode, reserved?.revealAt], ["view_after_reveal", at(3600)]);
      assert.deepEqual((await repo.revoke("g2", at(2)))?.revealAt, at(3600));
    });

    it("refuses a taken id or token hash with ConflictError", async () => {
      await repo.create(makeGuestLink({ id: "g1" }));
      await assert.rejects(repo.create(makeGuestLink({ id: "g2", tokenHash: "hash-g1" })), ConflictError);
      await assert.rejects(repo.create(makeGuestLink({ id: "g1", tokenHash: "x" })), ConflictError);
    });

    it("lists an event's links newest first in keyset pages", async () => {
      for (let i = 1; i <= 3; i++) await repo.create(makeGuestLink({ id: `g${i}`, createdAt: at(i) }));
      await repo.create(makeGuestLink({ id: "elsewhere", eventId: "event-2" }));
      const pages = await collectPages(
        (page) => repo.listByEvent("event-1", page),
        2,
        (l) => l.id,
      );
      assert.deepEqual(pages, [["g3", "g2"], ["g1"]]);
    });

    it("reserves uploads up to the count cap, then refuses without counting", async () => {
      await repo.create(makeGuestLink({ id: "g1", maxUploads: 2 }));
      assert.equal((await repo.reserveUpload("g1", 10, at(1)))?.uploads, 1);
      const second = await repo.reserveUpload("g1", 10, at(2));
      assert.deepEqual([second?.uploads, second?.bytes], [2, 20]);
      assert.equal(await repo.reserveUpload("g1", 10, at(3)), undefined);
      assert.equal((await repo.get("g1"))?.uploads, 2);
    });

    it("reserves declared bytes up to the byte cap, exactly reaching it", async () => {
      await repo.create(makeGuestLink({ id: "g1", maxBytes: 100 }));
      assert.equal((await repo.reserveUpload("g1", 60, at(1)))?.bytes, 60);
      assert.equal(await repo.reserveUpload("g1", 41, at(2)), undefined, "101 > 100");
      assert.equal((await repo.reserveUpload("g1", 40, at(3)))?.bytes, 100);
    });

    it("refuses to reserve on a revoked, expired or unknown link", async () => {
      await repo.create(makeGuestLink({ id: "g1" }));
      await repo.create(makeGuestLink({ id: "g2", expiresAt: at(100) }));
      await repo.revoke("g1", at(5));
      assert.equal(await repo.reserveUpload("g1", 1, at(6)), undefined);
      assert.equal(await repo.reserveUpload("g2", 1, at(100)), undefined, "expiry is exclusive");
      assert.equal((await repo.reserveUpload("g2", 1, at(99)))?.uploads, 1);
      assert.equal(await repo.reserveUpload("nope", 1, at(1)), undefined);
    });

    it("lets exactly one of many concurrent reservations take the last slot", async () => {
      await repo.create(makeGuestLink({ id: "g1", maxUploads: 1 }));
      const results = await Promise.all(Array.from({ length: 8 }, () => repo.reserveUpload("g1", 1, at(1))));
      assert.equal(results.filter((r) => r !== undefined).length, 1);
      assert.equal((await repo.get("g1"))?.uploads, 1);
    });

    it("gives back a reservation, so a later upload fits the cap again", async () => {
      await repo.create(makeGuestLink({ id: "g1", maxUploads: 1, maxBytes: 100 }));
      await repo.reserveUpload("g1", 60, at(1));
      assert.equal(await repo.reserveUpload("g1", 10, at(2)), undefined, "the cap is reached");
      const released = await repo.releaseUpload("g1", 60);
      assert.deepEqual([released?.uploads, released?.bytes], [0, 0]);
      assert.deepEqual((await repo.get("g1"))?.uploads, 0);
      assert.equal((await repo.reserveUpload("g1", 100, at(3)))?.bytes, 100, "the whole allowance is back");
    });

    it("never gives back more than was reserved, nor on an unknown link", async () => {
      await repo.create(makeGuestLink({ id: "g1" }));
      assert.equal(await repo.releaseUpload("g1", 1), undefined);
      await repo.reserveUpload("g1", 10, at(1));
      assert.equal(await repo.releaseUpload("g1", 11), undefined, "more bytes than counted");
      assert.equal((await repo.releaseUpload("g1", 10))?.uploads, 0);
      assert.equal(await repo.releaseUpload("g1", 0), undefined, "no upload left to give back");
      assert.deepEqual([(await repo.get("g1"))?.uploads, (await repo.get("g1"))?.bytes], [0, 0]);
      assert.equal(await repo.releaseUpload("nope", 1), undefined);
    });

    it("gives back on a revoked link too (the upload was counted while it was active)", async () => {
      await repo.create(makeGuestLink({ id: "g1", maxUploads: 3 }));
      await repo.reserveUpload("g1", 5, at(1));
      await repo.revoke("g1", at(2));
      assert.equal((await repo.releaseUpload("g1", 5))?.uploads, 0);
    });

    it("revokes once and keeps the first revocation time", async () => {
      await repo.create(makeGuestLink({ id: "g1" }));
      await repo.revoke("g1", at(10));
      assert.deepEqual((await repo.revoke("g1", at(20)))?.revokedAt, at(10));
    });

    it("deletes a link with its token; deleting again or an unknown id is not an error", async () => {
      await repo.create(makeGuestLink({ id: "g1" }));
      await repo.delete("g1");
      await repo.delete("g1");
      await repo.delete("nope");
      assert.equal(await repo.get("g1"), undefined);
      assert.equal(await repo.findByTokenHash("hash-g1"), undefined);
      assert.equal((await repo.listByEvent("event-1", { limit: 10 })).items.length, 0);
    });
  });
}
