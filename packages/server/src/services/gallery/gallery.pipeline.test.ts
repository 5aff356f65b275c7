import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { collectPages } from "../../../test/support/contract/paging.js";
import { alice, bob, carol, createGalleryFixture } from "../../../test/support/gallery-fixture.js";
import { InProcessChangeNotifier } from "../../adapters/in-process/in-process-change-notifier.js";
import { photoBucketDeliveryUrls } from "../../adapters/s3/photo-bucket-delivery-urls.js";
import { ValidationError } from "../../domain/errors.js";
import type { PageRequest } from "../../domain/page.js";
import { GalleryService } from "./gallery.service.js";

const dog = (confidence = 0.9) => ({ labels: [{ name: "dog", confidence }] });

describe(`${GalleryService.name} with processed photos`, () => {
  let f: Awaited<ReturnType<typeof createGalleryFixture>>;
  let changes: InProcessChangeNotifier;
  let sut: GalleryService;

  beforeEach(async () => {
    f = await createGalleryFixture();
    changes = new InProcessChangeNotifier();
    sut = new GalleryService({
      photos: f.photos,
      events: f.events,
      photoBucket: f.photoBucket,
      deliveryUrls: photoBucketDeliveryUrls(f.photoBucket),
      changes,
    });
  });

  describe("privacy", () => {
    it("gives the position and the original to the owner only, in lists and single photos", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const forOwner = await sut.getPhoto(bob, photo.id);
      assert.deepEqual(forOwner.photo.gps, photo.gps);
      assert.ok(forOwner.urls.original);
      for (const view of [
        await sut.getPhoto(carol, photo.id),
        await sut.getPhoto(alice, photo.id),
        ...(await sut.listEventPhotos(carol, f.event.id, { limit: 10 })).items,
        ...(await sut.listEventPhotos(carol, f.event.id, { limit: 10 }, { label: "dog" })).items,
      ]) {
        assert.equal("gps" in view.photo, false);
        assert.equal(view.urls.original, undefined);
        assert.ok(view.urls.thumb && view.urls.web);
      }
    });

    it("shows moderation scores to the owner and the organizer only", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      assert.ok((await sut.getPhoto(bob, photo.id)).photo.moderation);
      assert.ok((await sut.getPhoto(alice, photo.id)).photo.moderation);
      assert.equal((await sut.getPhoto(carol, photo.id)).photo.moderation, undefined);
    });
  });

  describe("moderation queue", () => {
    it("shows hidden photos to the organizer and their owner, never to other attendees", async () => {
      const hidden = await f.photo(bob, { status: "hidden" });
      const ready = await f.photo(bob, { status: "ready" });
      const ids = async (who: typeof alice, status?: "hidden") =>
        (await sut.listEventPhotos(who, f.event.id, { limit: 10 }, status ? { status } : {})).items.map(
          (view) => view.photo.id,
        );
      assert.deepEqual(await ids(alice), [ready.id, hidden.id]);
      assert.deepEqual(await ids(alice, "hidden"), [hidden.id]);
      assert.deepEqual(await ids(bob, "hidden"), [hidden.id]);
      assert.deepEqual(await ids(carol), [ready.id]);
      assert.deepEqual(await ids(carol, "hidden"), []);
    });
  });

  describe("label filters", () => {
    it("pages through an event's photos with a label, case-insensitively, and only those the caller may see", async () => {
      const expected = [];
      for (let i = 0; i < 5; i++) {
        expected.unshift((await f.photo(i % 2 ? bob : carol, { status: "ready", changes: dog() })).id);
        await f.photo(bob, { status: "ready", changes: { labels: [{ name: "cat", confidence: 0.8 }] } });
      }
      await f.photo(bob, { status: "hidden", changes: dog() });
      await f.photo(bob, { status: "failed", changes: dog() });
      const list = (page: PageRequest) => sut.listEventPhotos(carol, f.event.id, page, { label: " DOG " });
      const pages = await collectPages(list, 2, (view) => view.photo.id);
      assert.deepEqual(pages, [expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
    });

    it("filters the caller's own photos by label across library and events", async () => {
      const library = await f.photo(bob, { status: "ready", eventId: null, changes: dog() });
      const inEvent = await f.photo(bob, { status: "hidden", changes: dog() });
      await f.photo(carol, { status: "ready", changes: dog() });
      const page = await sut.listMyPhotos(bob, { limit: 10 }, { label: "dog" });
      assert.deepEqual(
        page.items.map((view) => view.photo.id),
        [inEvent.id, library.id],
      );
      const hiddenOnly = await sut.listMyPhotos(bob, { limit: 10 }, { label: "dog", status: "hidden" });
      assert.deepEqual(
        hiddenOnly.items.map((view) => view.photo.id),
        [inEvent.id],
      );
    });

    it("refuses a malformed label with ValidationError", async () => {
      await assert.rejects(
        sut.listEventPhotos(carol, f.event.id, { limit: 5 }, { label: "d*g" }),
        ValidationError,
      );
      await assert.rejects(sut.listMyPhotos(carol, { limit: 5 }, { label: " " }), ValidationError);
    });
  });

  describe("waiting while pending", () => {
    it("answers at once for a photo that is not pending", async () => {
      const ready = await f.photo(bob, { status: "ready" });
      const view = await sut.getPhoto(bob, ready.id, { waitWhilePendingSeconds: 25 });
      assert.equal(view.photo.status, "ready");
      assert.equal(changes.waitedOn, 0);
    });

    it("answers with the new status as soon as the pipeline reports a change", async () => {
      const pending = await f.photo(bob);
      const waiting = sut.getPhoto(bob, pending.id, { waitWhilePendingSeconds: 25 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await f.photos.transition(pending.id, ["pending"], {
        status: "rejected",
        statusReason: "not an image",
      });
      changes.notify(pending.id);
      const view = await waiting;
      assert.equal(view.photo.status, "rejected");
      assert.equal(changes.waitedOn, 0, "no waiter left behind");
    });

    it("notices a change without any notification, by polling the repository (as on AWS)", async () => {
      const polling = new GalleryService({
        photos: f.photos,
        events: f.events,
        photoBucket: f.photoBucket,
        deliveryUrls: photoBucketDeliveryUrls(f.photoBucket),
      });
      const pending = await f.photo(bob);
      const waiting = polling.getPhoto(bob, pending.id, { waitWhilePendingSeconds: 5 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await f.photos.transition(pending.id, ["pending"], { status: "ready" });
      assert.equal((await waiting).photo.status, "ready");
    });

    it("answers pending when the wait ends, or when the client goes away", async () => {
      const pending = await f.photo(bob);
      assert.equal(
        (await sut.getPhoto(bob, pending.id, { waitWhilePendingSeconds: 0.2 })).photo.status,
        "pending",
      );
      const controller = new AbortController();
      const waiting = sut.getPhoto(bob, pending.id, {
        waitWhilePendingSeconds: 25,
        signal: controller.signal,
      });
      controller.abort();
      assert.equal((await waiting).photo.status, "pending");
      assert.equal(changes.waitedOn, 0);
    });
  });
});
