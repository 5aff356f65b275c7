import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../../src/domain/errors.js";
import type { Photo } from "../../../src/domain/photo.js";
import type { PhotoRepository } from "../../../src/ports/photo-repository.js";
import { at, makePhoto } from "../fixtures.js";
import { collectPages, malformedCursors } from "./paging.js";

const label = (name: string) => ({ name, confidence: 0.9 });

/**
 * The cases of the `PhotoRepository` contract that serve browsing: the capture-time timeline and the label
 * suggestions. Registered by `photoRepositoryContract`.
 */
export function photoRepositoryBrowseCases(repoOf: () => PhotoRepository): void {
  const ids = (photos: { items: Photo[] }) => photos.items.map((photo) => photo.id);

  describe("listByEventTimeline", () => {
    it("orders by capture time, else upload time, latest first, and lists no other event's", async () => {
      const repo = repoOf();
      // Uploaded in one order, taken in another; p-none has no capture time and sits at its upload time.
      await repo.create(makePhoto({ id: "p-old", createdAt: at(30), takenAt: at(-86_400) }));
      await repo.create(
        makePhoto({ id: "p-new", createdAt: at(10), takenAt: at(5), takenAtOffset: "+02:00" }),
      );
      await repo.create(makePhoto({ id: "p-none", createdAt: at(20) }));
      await repo.create(makePhoto({ id: "p-other", eventId: "event-2", createdAt: at(40) }));
      const page = await repo.listByEventTimeline("event-1", { limit: 10 });
      assert.deepEqual(ids(page), ["p-none", "p-new", "p-old"]);
      assert.equal(page.items[1]?.takenAtOffset, "+02:00");
    });

    it("moves a photo when the pipeline records its capture time", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1", createdAt: at(10) }));
      await repo.create(makePhoto({ id: "p2", createdAt: at(20) }));
      await repo.transition("p2", ["pending"], { status: "ready", takenAt: at(-3600) });
      assert.deepEqual(ids(await repo.listByEventTimeline("event-1", { limit: 10 })), ["p1", "p2"]);
    });

    it("pages through equal capture times without skipping or repeating any", async () => {
      const repo = repoOf();
      const expected: string[] = [];
      for (let i = 0; i < 7; i++) {
        const id = `p${i}`;
        await repo.create(makePhoto({ id, createdAt: at(i), takenAt: at(-100) }));
        expected.unshift(id);
      }
      const pages = await collectPages(
        (page) => repo.listByEventTimeline("event-1", page),
        3,
        (p) => p.id,
      );
      assert.deepEqual(pages.flat(), expected);
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3, 1],
      );
    });

    for (const [what, cursor] of malformedCursors()) {
      it(`refuses a malformed cursor (${what}) with ValidationError`, async () => {
        await assert.rejects(repoOf().listByEventTimeline("event-1", { limit: 5, cursor }), ValidationError);
      });
    }
  });

  describe("labelCountsByEvent", () => {
    it("counts the photos carrying each label in the event, most common first, then by name", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1", labels: [label("horse"), label("person")] }));
      await repo.create(makePhoto({ id: "p2", labels: [label("horse")] }));
      await repo.create(makePhoto({ id: "p3", labels: [label("dog"), label("horse")] }));
      await repo.create(makePhoto({ id: "p4", eventId: "event-2", labels: [label("cat")] }));
      assert.deepEqual(await repo.labelCountsByEvent("event-1"), [
        { name: "horse", count: 3 },
        { name: "dog", count: 1 },
        { name: "person", count: 1 },
      ]);
    });

    it("follows a photo's labels as they change and as it is deleted", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1", labels: [label("cake")] }));
      await repo.create(makePhoto({ id: "p2" }));
      await repo.transition("p2", ["pending"], { labels: [label("cake"), label("dog")] });
      await repo.transition("p1", ["pending"], { labels: [label("dog")] });
      assert.deepEqual(await repo.labelCountsByEvent("event-1"), [
        { name: "dog", count: 2 },
        { name: "cake", count: 1 },
      ]);
      await repo.delete("p2");
      assert.deepEqual(await repo.labelCountsByEvent("event-1"), [{ name: "dog", count: 1 }]);
    });

    it("is empty for an event without labelled photos", async () => {
      assert.deepEqual(await repoOf().labelCountsByEvent("event-none"), []);
    });
  });
}
