import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ConflictError, ValidationError } from "../../../src/domain/errors.js";
import type { Page } from "../../../src/domain/page.js";
import type { Photo } from "../../../src/domain/photo.js";
import type { PhotoRepository } from "../../../src/ports/photo-repository.js";
import { at, makePhoto } from "../fixtures.js";
import { collectPages, malformedCursors } from "./paging.js";
import { photoRepositoryBrowseCases } from "./photo-repository-browse.contract.js";
import { photoRepositoryPipelineCases } from "./photo-repository-pipeline.contract.js";
import { photoRepositoryUploaderCases } from "./photo-repository-uploader.contract.js";

export interface PhotoRepositoryHandle {
  repo: PhotoRepository;
  close(): Promise<void>;
}

/**
 * The behaviour every `PhotoRepository` adapter must have. Registers node:test cases; call it from a
 * `*.test.ts` file with a factory that opens a fresh, empty repository per case.
 *
 * @example photoRepositoryContract("SqlitePhotoRepository", async () => { … return { repo, close }; });
 */
export function photoRepositoryContract(name: string, make: () => Promise<PhotoRepositoryHandle>): void {
  describe(`${name} (PhotoRepository contract)`, () => {
    let handle: PhotoRepositoryHandle;
    let repo: PhotoRepository;
    beforeEach(async () => {
      handle = await make();
      repo = handle.repo;
    });
    afterEach(() => handle.close());

    describe("create and get", () => {
      it("returns a stored photo with every field as it was given", async () => {
        const photo = makePhoto({
          id: "p-full",
          title: "Cake",
          description: "Line one\nline two",
          status: "ready",
          statusReason: "checked",
          size: 2048,
          width: 4000,
          height: 3000,
          format: "jpeg",
          etag: "0123abcd",
          takenAt: at(-3600),
          updatedAt: at(5),
        });
        await repo.create(photo);
        assert.deepEqual(await repo.get("p-full"), photo);
      });

      it("returns a library photo without the optional fields it never had", async () => {
        const photo = makePhoto({
          id: "p-library",
          eventId: undefined,
          objectKey: "uploads/user_user-1/p.jpg",
        });
        await repo.create(photo);
        const stored = await repo.get("p-library");
        assert.deepEqual(stored, photo);
        assert.equal(stored !== undefined && "eventId" in stored, false);
      });

      it("keeps a guest upload's display name", async () => {
        const photo = makePhoto({ id: "p-guest", ownerId: "guest_link-1", guestName: "Uncle Tom" });
        await repo.create(photo);
        assert.deepEqual(await repo.get("p-guest"), photo);
      });

      it("returns undefined for an unknown id", async () => {
        assert.equal(await repo.get("nope"), undefined);
      });

      it("refuses a second photo with the same id with ConflictError and keeps the first", async () => {
        await repo.create(makePhoto({ id: "p1", filename: "first.jpg" }));
        await assert.rejects(repo.create(makePhoto({ id: "p1", filename: "second.jpg" })), ConflictError);
        assert.equal((await repo.get("p1"))?.filename, "first.jpg");
      });
    });

    describe("transition", () => {
      it("applies the changes when the current status is allowed and returns the updated photo", async () => {
        await repo.create(makePhoto({ id: "p1" }));
        const changes = {
          status: "ready",
          size: 99,
          width: 10,
          height: 20,
          etag: "e1",
          updatedAt: at(30),
        } as const;
        const updated = await repo.transition("p1", ["pending"], changes);
        assert.deepEqual(updated, { ...makePhoto({ id: "p1" }), ...changes });
        assert.deepEqual(await repo.get("p1"), updated);
      });

      it("changes nothing and returns undefined when the status is not among those allowed", async () => {
        await repo.create(makePhoto({ id: "p1", status: "rejected" }));
        assert.equal(await repo.transition("p1", ["pending", "expired"], { status: "ready" }), undefined);
        assert.equal((await repo.get("p1"))?.status, "rejected");
      });

      it("applies a repeated transition only once (what makes the pipeline idempotent)", async () => {
        await repo.create(makePhoto({ id: "p1" }));
        const first = await repo.transition("p1", ["pending"], { status: "ready", etag: "first" });
        const second = await repo.transition("p1", ["pending"], { status: "ready", etag: "second" });
        assert.equal(first?.etag, "first");
        assert.equal(second, undefined);
        assert.equal((await repo.get("p1"))?.etag, "first");
      });

      it("returns undefined for an unknown photo", async () => {
        assert.equal(await repo.transition("nope", ["pending"], { status: "ready" }), undefined);
      });

      it("clears an optional field given as undefined and keeps required ones", async () => {
        await repo.create(
          makePhoto({ id: "p1", status: "rejected", statusReason: "not an image", title: "T" }),
        );
        const updated = await repo.transition("p1", ["rejected"], {
          status: "ready",
          statusReason: undefined,
          filename: undefined,
        });
        assert.equal(updated !== undefined && "statusReason" in updated, false);
        const stored = await repo.get("p1");
        assert.equal(stored !== undefined && "statusReason" in stored, false);
        assert.equal(stored?.filename, "IMG_0001.jpg");
        assert.equal(stored?.title, "T");
      });

      it("never changes the photo's identity or placement, even when asked", async () => {
        const photo = makePhoto({ id: "p1" });
        await repo.create(photo);
        const sneaky = { ownerId: "intruder", eventId: "other", objectKey: "elsewhere", createdAt: at(99) };
        await repo.transition("p1", ["pending"], { status: "ready", ...sneaky } as never);
        assert.deepEqual(await repo.get("p1"), { ...photo, status: "ready" });
      });
    });

    describe("listByEvent and listByOwner", () => {
      it("lists an event's photos newest first, and no other event's", async () => {
        await repo.create(makePhoto({ id: "a", createdAt: at(1) }));
        await repo.create(makePhoto({ id: "b", createdAt: at(3) }));
        await repo.create(makePhoto({ id: "c", createdAt: at(2) }));
        await repo.create(makePhoto({ id: "x", eventId: "event-2", createdAt: at(4) }));
        const page = await repo.listByEvent("event-1", { limit: 10 });
        assert.deepEqual(ids(page), ["b", "c", "a"]);
        assert.equal(page.nextCursor, undefined);
      });

      it("pages through photos with equal timestamps without skipping or repeating any (ties by id, descending)", async () => {
        for (let i = 0; i < 7; i++)
          await repo.create(makePhoto({ id: `p${i}`, createdAt: i < 5 ? at(10) : at(20) }));
        const pages = await collectPages((page) => repo.listByEvent("event-1", page), 2, photoId);
        assert.deepEqual(
          pages.map((p) => p.length),
          [2, 2, 2, 1],
        );
        assert.deepEqual(pages.flat(), ["p6", "p5", "p4", "p3", "p2", "p1", "p0"]);
      });

      it("gives no cursor when the last page is exactly full", async () => {
        await repo.create(makePhoto({ id: "a", createdAt: at(1) }));
        await repo.create(makePhoto({ id: "b", createdAt: at(2) }));
        const page = await repo.listByEvent("event-1", { limit: 2 });
        assert.deepEqual(ids(page), ["b", "a"]);
        assert.equal(page.nextCursor, undefined);
      });

      it("keeps later pages stable when a newer photo arrives while paging", async () => {
        for (let i = 1; i <= 4; i++) await repo.create(makePhoto({ id: `p${i}`, createdAt: at(i) }));
        const first = await repo.listByEvent("event-1", { limit: 2 });
        await repo.create(makePhoto({ id: "p9", createdAt: at(9) }));
        const second = await repo.listByEvent("event-1", { limit: 2, cursor: first.nextCursor! });
        assert.deepEqual([...ids(first), ...ids(second)], ["p4", "p3", "p2", "p1"]);
      });

      it("lists an owner's library and event photos together, newest first", async () => {
        await repo.create(makePhoto({ id: "lib", eventId: undefined, createdAt: at(2) }));
        await repo.create(makePhoto({ id: "evt", createdAt: at(1) }));
        await repo.create(makePhoto({ id: "evt2", eventId: "event-2", createdAt: at(3) }));
        await repo.create(makePhoto({ id: "other", ownerId: "user-2", createdAt: at(4) }));
        assert.deepEqual(ids(await repo.listByOwner("user-1", { limit: 10 })), ["evt2", "lib", "evt"]);
        const pages = await collectPages((page) => repo.listByOwner("user-1", page), 1, photoId);
        assert.deepEqual(pages.flat(), ["evt2", "lib", "evt"]);
      });

      it("returns an empty page for an event without photos", async () => {
        assert.deepEqual(await repo.listByEvent("empty", { limit: 5 }), { items: [] });
      });

      for (const [label, cursor] of malformedCursors()) {
        it(`refuses a malformed cursor (${label}) with ValidationError`, async () => {
          await repo.create(makePhoto({ id: "a" }));
          await assert.rejects(repo.listByEvent("event-1", { limit: 5, cursor }), ValidationError);
          await assert.rejects(repo.listByOwner("user-1", { limit: 5, cursor }), ValidationError);
        });
      }

      it("refuses a limit outside 1..100 with ValidationError", async () => {
        for (const limit of [0, 101, 1.5, -1]) {
          await assert.rejects(repo.listByEvent("event-1", { limit }), ValidationError);
        }
      });
    });

    describe("listForReview", () => {
      it("lists an event's processed photos held for review, newest first, by review state", async () => {
        await repo.create(makePhoto({ id: "w1", status: "ready", review: "waiting", createdAt: at(1) }));
        await repo.create(makePhoto({ id: "w2", status: "hidden", review: "waiting", createdAt: at(3) }));
        await repo.create(makePhoto({ id: "r1", status: "ready", review: "rejected", createdAt: at(2) }));
        await repo.create(makePhoto({ id: "pending", review: "waiting", createdAt: at(4) }));
        await repo.create(makePhoto({ id: "free", status: "ready", createdAt: at(5) }));
        await repo.create(
          makePhoto({
            id: "elsewhere",
            eventId: "event-2",
            status: "ready",
            review: "waiting",
            createdAt: at(6),
          }),
        );
        assert.deepEqual(ids(await repo.listForReview("event-1", "waiting", { limit: 10 })), ["w2", "w1"]);
        assert.deepEqual(ids(await repo.listForReview("event-1", "rejected", { limit: 10 })), ["r1"]);
        assert.deepEqual(
          await repo.get("w1"),
          makePhoto({ id: "w1", status: "ready", review: "waiting", createdAt: at(1) }),
        );
      });

      it("follows the photo as the pipeline finishes it and as it is approved or rejected", async () => {
        await repo.create(makePhoto({ id: "p1", review: "waiting" }));
        assert.deepEqual(ids(await repo.listForReview("event-1", "waiting", { limit: 10 })), []);
        await repo.transition("p1", ["pending"], { status: "ready", updatedAt: at(1) });
        assert.deepEqual(ids(await repo.listForReview("event-1", "waiting", { limit: 10 })), ["p1"]);
        const rejected = await repo.transition("p1", ["ready", "hidden"], { review: "rejected" });
        assert.equal(rejected?.review, "rejected");
        assert.deepEqual(ids(await repo.listForReview("event-1", "waiting", { limit: 10 })), []);
        assert.deepEqual(ids(await repo.listForReview("event-1", "rejected", { limit: 10 })), ["p1"]);
        const approved = await repo.transition("p1", ["ready", "hidden"], { review: undefined });
        assert.equal(approved !== undefined && "review" in approved, false);
        assert.equal((await repo.get("p1"))?.review, undefined);
        assert.deepEqual(ids(await repo.listForReview("event-1", "rejected", { limit: 10 })), []);
        assert.deepEqual(ids(await repo.listByEvent("event-1", { limit: 10 })), ["p1"]);
      });

      it("pages through the review list with keyset cursors, ties by id", async () => {
        for (let i = 0; i < 5; i++) {
          await repo.create(
            makePhoto({ id: `p${i}`, status: "ready", review: "waiting", createdAt: at(i < 3 ? 1 : 2) }),
          );
        }
        const pages = await collectPages(
          (page) => repo.listForReview("event-1", "waiting", page),
          2,
          photoId,
        );
        assert.deepEqual(pages.flat(), ["p4", "p3", "p2", "p1", "p0"]);
      });

      for (const [label, cursor] of malformedCursors()) {
        it(`refuses a malformed review cursor (${label}) with ValidationError`, async () => {
          await assert.rejects(
            repo.listForReview("event-1", "waiting", { limit: 5, cursor }),
            ValidationError,
          );
        });
      }
    });

    describe("delete", () => {
      it("removes the photo from reads and lists", async () => {
        await repo.create(makePhoto({ id: "p1" }));
        await repo.create(makePhoto({ id: "p2" }));
        await repo.delete("p1");
        assert.equal(await repo.get("p1"), undefined);
        assert.deepEqual(ids(await repo.listByEvent("event-1", { limit: 10 })), ["p2"]);
        assert.deepEqual(ids(await repo.listByOwner("user-1", { limit: 10 })), ["p2"]);
      });

      it("succeeds for a photo that does not exist", async () => {
        await repo.delete("nope");
        assert.equal(await repo.get("nope"), undefined);
      });
    });

    describe("listPendingExpired", () => {
      it("lists only pending photos whose ticket expired before the given time, soonest expired first", async () => {
        await repo.create(makePhoto({ id: "late", uploadExpiresAt: at(50) }));
        await repo.create(makePhoto({ id: "early", uploadExpiresAt: at(10) }));
        await repo.create(makePhoto({ id: "not-yet", uploadExpiresAt: at(100) }));
        await repo.create(makePhoto({ id: "exactly-now", uploadExpiresAt: at(60) }));
        await repo.create(makePhoto({ id: "ready", status: "ready", uploadExpiresAt: at(1) }));
        await repo.create(makePhoto({ id: "expired", status: "expired", uploadExpiresAt: at(1) }));
        const found = await repo.listPendingExpired(at(60), 10);
        assert.deepEqual(
          found.map((p) => p.id),
          ["early", "late"],
        );
      });

      it("returns at most `limit` photos and drops those that left pending", async () => {
        for (let i = 1; i <= 3; i++) await repo.create(makePhoto({ id: `p${i}`, uploadExpiresAt: at(i) }));
        assert.deepEqual(
          (await repo.listPendingExpired(at(10), 2)).map((p) => p.id),
          ["p1", "p2"],
        );
        await repo.transition("p1", ["pending"], { status: "expired" });
        assert.deepEqual(
          (await repo.listPendingExpired(at(10), 2)).map((p) => p.id),
          ["p2", "p3"],
        );
      });
    });

    it("counts an event's photos in one status, and no other event's", async () => {
      await repo.create(makePhoto({ id: "p1", status: "ready" }));
      await repo.create(makePhoto({ id: "p2", status: "ready" }));
      await repo.create(makePhoto({ id: "p3", status: "pending" }));
      await repo.create(
        makePhoto({
          id: "p4",
          status: "ready",
          eventId: "event-2",
          objectKey: "uploads/event_event-2/p4.jpg",
        }),
      );
      assert.equal(await repo.countByEvent("event-1", "ready"), 2);
      assert.equal(await repo.countByEvent("event-1", "pending"), 1);
      assert.equal(await repo.countByEvent("event-3", "ready"), 0);
    });

    photoRepositoryPipelineCases(() => repo);
    photoRepositoryBrowseCases(() => repo);
    photoRepositoryUploaderCases(() => repo);
  });
}

function ids(page: Page<Photo>): string[] {
  return page.items.map(photoId);
}

function photoId(photo: Photo): string {
  return photo.id;
}
