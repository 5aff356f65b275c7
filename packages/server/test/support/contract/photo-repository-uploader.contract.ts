import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Photo } from "../../../src/domain/photo.js";
import type { PhotoRepository } from "../../../src/ports/photo-repository.js";
import { at, makePhoto } from "../fixtures.js";
import { collectPages } from "./paging.js";

/**
 * The cases of the `PhotoRepository` contract that serve attribution: the uploader's name and a guest's
 * delete-key hash are stored, one uploader's photos page by keyset within an event, and the event's
 * uploaders are listed for the gallery's filter. Registered by `photoRepositoryContract`.
 */
export function photoRepositoryUploaderCases(repoOf: () => PhotoRepository): void {
  const byOwner = (photo: Partial<Photo> & Pick<Photo, "id">, ownerId: string, name: string) =>
    makePhoto({ ...photo, ownerId, uploaderName: name });

  describe("attribution", () => {
    it("keeps the uploader's name and a guest's delete-key hash", async () => {
      const photo = makePhoto({
        id: "p1",
        ownerId: "guest_link1",
        guestName: "Grace",
        uploaderName: "Grace",
        guestKeyHash: "ab".repeat(32),
      });
      await repoOf().create(photo);
      assert.deepEqual(await repoOf().get("p1"), photo);
    });

    it("lists one uploader's photos in an event, newest first, in keyset pages", async () => {
      const repo = repoOf();
      for (let i = 1; i <= 5; i++) {
        await repo.create(byOwner({ id: `a${i}`, createdAt: at(i) }, "user-a", "Ada"));
        await repo.create(byOwner({ id: `b${i}`, createdAt: at(i) }, "user-b", "Bob"));
      }
      await repo.create(
        byOwner(
          { id: "a-elsewhere", eventId: "event-2", objectKey: "uploads/event_event-2/x.jpg" },
          "user-a",
          "Ada",
        ),
      );
      await repo.create(
        byOwner(
          { id: "a-library", eventId: undefined, objectKey: "uploads/user_user-a/y.jpg" },
          "user-a",
          "Ada",
        ),
      );
      const pages = await collectPages(
        (page) => repo.listByEvent("event-1", page, { ownerId: "user-a" }),
        2,
        (photo) => photo.id,
      );
      assert.deepEqual(pages, [["a5", "a4"], ["a3", "a2"], ["a1"]]);
    });

    it("drops a deleted photo from its uploader's list", async () => {
      const repo = repoOf();
      await repo.create(byOwner({ id: "a1", createdAt: at(1) }, "user-a", "Ada"));
      await repo.create(byOwner({ id: "a2", createdAt: at(2) }, "user-a", "Ada"));
      await repo.delete("a2");
      const page = await repo.listByEvent("event-1", { limit: 10 }, { ownerId: "user-a" });
      assert.deepEqual(
        page.items.map((photo) => photo.id),
        ["a1"],
      );
    });

    it("lists the event's uploaders once each, with the name of their latest upload", async () => {
      const repo = repoOf();
      await repo.create(byOwner({ id: "p1", createdAt: at(1) }, "user-b", "Bob"));
      await repo.create(byOwner({ id: "p2", createdAt: at(2) }, "guest_link1", "Guest"));
      await repo.create(byOwner({ id: "p3", createdAt: at(3) }, "user-b", "Bobby"));
      await repo.create(
        byOwner({ id: "p4", eventId: "event-2", objectKey: "uploads/event_event-2/p4.jpg" }, "user-c", "Cy"),
      );
      assert.deepEqual(await repo.listUploaders("event-1", 10), [
        { ownerId: "guest_link1", name: "Guest" },
        { ownerId: "user-b", name: "Bobby" },
      ]);
      assert.deepEqual(await repo.listUploaders("event-1", 1), [{ ownerId: "guest_link1", name: "Guest" }]);
      assert.deepEqual(await repo.listUploaders("event-3", 10), []);
    });

    it("forgets an event's uploaders (its deletion), and no other event's", async () => {
      const repo = repoOf();
      await repo.create(byOwner({ id: "p1", createdAt: at(1) }, "user-b", "Bob"));
      await repo.create(byOwner({ id: "p2", createdAt: at(2) }, "guest_link1", "Guest"));
      await repo.create(
        byOwner({ id: "p4", eventId: "event-2", objectKey: "uploads/event_event-2/p4.jpg" }, "user-c", "Cy"),
      );
      await repo.forgetUploaders("event-1");
      await repo.forgetUploaders("event-1"); // a rerun of the deletion job
      assert.deepEqual(await repo.listUploaders("event-1", 10), []);
      assert.deepEqual(await repo.listUploaders("event-2", 10), [{ ownerId: "user-c", name: "Cy" }]);
    });
  });
}
