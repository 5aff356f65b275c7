import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../../src/domain/errors.js";
import type { Photo } from "../../../src/domain/photo.js";
import type { PhotoRepository } from "../../../src/ports/photo-repository.js";
import { at, makePhoto, processedFields } from "../fixtures.js";
import { collectPages, malformedCursors } from "./paging.js";

/**
 * The cases of the `PhotoRepository` contract that serve the pipeline and its API: processed fields, the
 * status filter, the label index and content claims. Registered by `photoRepositoryContract`.
 */
export function photoRepositoryPipelineCases(repoOf: () => PhotoRepository): void {
  const ids = (photos: { items: Photo[] }) => photos.items.map((photo) => photo.id);

  describe("processed fields", () => {
    it("returns every field the pipeline records, nested values included", async () => {
      const photo = makePhoto({ id: "p1", status: "ready", ...processedFields("p1") });
      await repoOf().create(photo);
      assert.deepEqual(await repoOf().get("p1"), photo);
    });

    it("sets and clears them through a transition", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1" }));
      const processed = processedFields("p1");
      const ready = await repo.transition("p1", ["pending"], { status: "ready", ...processed });
      assert.deepEqual(await repo.get("p1"), ready);
      assert.deepEqual(ready?.gps, processed.gps);
      await repo.transition("p1", ["ready"], {
        status: "failed",
        failedStep: "variants",
        gps: undefined,
        variants: undefined,
        labels: undefined,
      });
      const failed = await repo.get("p1");
      assert.equal(failed?.failedStep, "variants");
      assert.equal(
        failed !== undefined && ("gps" in failed || "variants" in failed || "labels" in failed),
        false,
      );
    });
  });

  describe("status filter", () => {
    it("lists only the photos of an event or owner in the given status, newest first, page by page", async () => {
      const repo = repoOf();
      for (let i = 0; i < 5; i++) {
        await repo.create(makePhoto({ id: `h${i}`, status: "hidden", createdAt: at(i < 3 ? 10 : i) }));
      }
      await repo.create(makePhoto({ id: "r", status: "ready", createdAt: at(50) }));
      await repo.create(makePhoto({ id: "other", status: "hidden", eventId: "event-2", ownerId: "user-2" }));
      const pages = await collectPages(
        (page) => repo.listByEvent("event-1", page, { status: "hidden" }),
        2,
        (photo) => photo.id,
      );
      assert.deepEqual(pages, [["h2", "h1"], ["h0", "h4"], ["h3"]]);
      assert.deepEqual(ids(await repo.listByOwner("user-1", { limit: 10 }, { status: "ready" })), ["r"]);
      assert.deepEqual(ids(await repo.listByEvent("event-1", { limit: 10 }, { status: "failed" })), []);
    });
  });

  describe("label index", () => {
    const labelled = (id: string, names: string[], overrides: Partial<Photo> = {}) =>
      makePhoto({
        id,
        status: "ready",
        labels: names.map((name) => ({ name, confidence: 0.9 })),
        ...overrides,
      });

    it("finds an event's photos with a label, newest first, through ties, and no other event's", async () => {
      const repo = repoOf();
      for (let i = 0; i < 5; i++)
        await repo.create(labelled(`d${i}`, ["dog", "person"], { createdAt: at(7) }));
      await repo.create(labelled("cat", ["cat"], { createdAt: at(9) }));
      await repo.create(labelled("elsewhere", ["dog"], { eventId: "event-2", createdAt: at(9) }));
      const pages = await collectPages(
        (page) => repo.listByLabel({ eventId: "event-1" }, "dog", page),
        2,
        (photo) => photo.id,
      );
      assert.deepEqual(pages, [["d4", "d3"], ["d2", "d1"], ["d0"]]);
      const [first] = (await repo.listByLabel({ eventId: "event-1" }, "dog", { limit: 1 })).items;
      assert.deepEqual(first, labelled("d4", ["dog", "person"], { createdAt: at(7) }));
      assert.deepEqual(ids(await repo.listByLabel({ eventId: "event-1" }, "bird", { limit: 5 })), []);
    });

    it("finds an owner's photos with a label across their library and events", async () => {
      const repo = repoOf();
      await repo.create(labelled("lib", ["dog"], { eventId: undefined, createdAt: at(1) }));
      await repo.create(labelled("evt", ["dog"], { eventId: "event-2", createdAt: at(2) }));
      await repo.create(labelled("theirs", ["dog"], { ownerId: "user-2", createdAt: at(3) }));
      assert.deepEqual(ids(await repo.listByLabel({ ownerId: "user-1" }, "dog", { limit: 10 })), [
        "evt",
        "lib",
      ]);
    });

    it("follows the photo's labels as transitions replace or clear them, and forgets deleted photos", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1" }));
      await repo.create(labelled("p2", ["dog"]));
      await repo.transition("p1", ["pending"], {
        status: "ready",
        labels: [{ name: "dog", confidence: 0.8 }],
      });
      assert.deepEqual(ids(await repo.listByLabel({ eventId: "event-1" }, "dog", { limit: 10 })), [
        "p2",
        "p1",
      ]);
      await repo.transition("p1", ["ready"], { labels: [{ name: "cat", confidence: 0.7 }] });
      assert.deepEqual(ids(await repo.listByLabel({ eventId: "event-1" }, "dog", { limit: 10 })), ["p2"]);
      assert.deepEqual(ids(await repo.listByLabel({ ownerId: "user-1" }, "cat", { limit: 10 })), ["p1"]);
      await repo.transition("p1", ["ready"], { status: "rejected", labels: undefined });
      assert.deepEqual(ids(await repo.listByLabel({ ownerId: "user-1" }, "cat", { limit: 10 })), []);
      await repo.delete("p2");
      assert.deepEqual(ids(await repo.listByLabel({ eventId: "event-1" }, "dog", { limit: 10 })), []);
    });

    for (const [label, cursor] of malformedCursors()) {
      it(`refuses a malformed cursor (${label}) with ValidationError`, async () => {
        await assert.rejects(
          repoOf().listByLabel({ eventId: "event-1" }, "dog", { limit: 5, cursor }),
          ValidationError,
        );
      });
    }

    it("refuses a limit outside 1..100 with ValidationError", async () => {
      await assert.rejects(repoOf().listByLabel({ ownerId: "user-1" }, "dog", { limit: 0 }), ValidationError);
    });
  });

  describe("content claims", () => {
    const claim = (photoId: string, sha256 = "ab".repeat(32), scope = "event:event-1") => ({
      scope,
      sha256,
      photoId,
    });

    it("lets the first claimant hold the bytes and tells later ones who holds them", async () => {
      const repo = repoOf();
      assert.equal(await repo.claimContent(claim("p1")), "p1");
      assert.equal(await repo.claimContent(claim("p2")), "p1");
      assert.equal(await repo.claimContent(claim("p1")), "p1", "claiming again is idempotent");
      assert.equal(await repo.claimContent(claim("p3", "cd".repeat(32))), "p3", "other bytes");
      assert.equal(
        await repo.claimContent(claim("p4", "ab".repeat(32), "library:user-1")),
        "p4",
        "other scope",
      );
    });

    it("hands the claim over only when replacing its current holder", async () => {
      const repo = repoOf();
      await repo.claimContent(claim("p1"));
      assert.equal(await repo.claimContent(claim("p2"), { replacing: "p9" }), "p1");
      assert.equal(await repo.claimContent(claim("p2"), { replacing: "p1" }), "p2");
      assert.equal(await repo.claimContent(claim("p3")), "p2");
    });

    it("releases the claim when its holder is deleted", async () => {
      const repo = repoOf();
      await repo.create(makePhoto({ id: "p1" }));
      await repo.claimContent(claim("p1"));
      await repo.delete("p1");
      assert.equal(await repo.claimContent(claim("p2")), "p2");
    });

    it("lets exactly one of many simultaneous claimants of the same bytes win", async () => {
      const repo = repoOf();
      const claimants = ["a", "b", "c", "d", "e"];
      const holders = await Promise.all(claimants.map((id) => repo.claimContent(claim(id))));
      const winner = holders[0];
      assert.ok(winner !== undefined && claimants.includes(winner));
      assert.deepEqual(
        holders,
        claimants.map(() => winner),
      );
    });
  });
}
