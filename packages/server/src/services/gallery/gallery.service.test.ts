import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { InMemoryEventRepository } from "../../../test/support/fakes/in-memory-event.repository.js";
import { InMemoryPhotoRepository } from "../../../test/support/fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "../../../test/support/fakes/in-memory-photo-bucket.js";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { SequentialIds } from "../../../test/support/fakes/sequential-ids.js";
import { processedFields } from "../../../test/support/fixtures.js";
import { principal } from "../../../test/support/principals.js";
import { photoBucketDeliveryUrls } from "../../adapters/s3/photo-bucket-delivery-urls.js";
import { attachmentDisposition, downloadNames } from "../../domain/download-name.js";
import { ForbiddenError, NotAttendeeError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import type { Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import { EventService } from "../events/event.service.js";
import { UploadService } from "../uploads/upload.service.js";
import { GalleryService } from "./gallery.service.js";

const alice = principal("alice"); // organizer
const bob = principal("bob"); // attendee
const carol = principal("carol"); // attendee
const dave = principal("dave"); // not invited

describe(GalleryService.name, () => {
  let photos: InMemoryPhotoRepository;
  let events: InMemoryEventRepository;
  let photoBucket: InMemoryPhotoBucket;
  let clock: ManualClock;
  let uploads: UploadService;
  let sut: GalleryService;
  let event: Event;

  beforeEach(async () => {
    photos = new InMemoryPhotoRepository();
    events = new InMemoryEventRepository();
    clock = new ManualClock();
    photoBucket = new InMemoryPhotoBucket(clock);
    const ids = new SequentialIds("photo");
    uploads = new UploadService({ photos, events, photoBucket, clock, ids });
    sut = new GalleryService({
      photos,
      events,
      photoBucket,
      deliveryUrls: photoBucketDeliveryUrls(photoBucket),
    });
    const eventService = new EventService({ events, clock, ids: new SequentialIds("evt") });
    event = await eventService.create(alice, { name: "Wedding" });
    await eventService.joinWithCode(bob, event.inviteCode);
    await eventService.joinWithCode(carol, event.inviteCode);
  });

  /** Uploads a photo one second after the previous one; `ready` marks it as the pipeline would. */
  async function upload(owner: Principal, options: { ready?: boolean; eventId?: string | null } = {}) {
    clock.advance(1000);
    const eventId = options.eventId === null ? undefined : (options.eventId ?? event.id);
    const photo = await uploads.uploadDirect(owner, {
      ...(eventId === undefined ? {} : { eventId }),
      contentType: "image/jpeg",
      body: Buffer.from("bytes"),
    });
    if (!options.ready) return photo;
    return (await photos.transition(photo.id, ["pending"], {
      status: "ready",
      variants: processedFields(photo.id).variants,
      updatedAt: clock.now(),
    })) as Photo;
  }

  describe("listEventPhotos", () => {
    it("shows attendees others' ready photos and their own in any status, newest first", async () => {
      const bobsReady = await upload(bob, { ready: true });
      await upload(bob); // pending: only Bob sees it
      const carolsPending = await upload(carol);
      const carolsReady = await upload(carol, { ready: true });
      const result = await sut.listEventPhotos(carol, event.id, { limit: 10 });
      assert.deepEqual(
        result.items.map((view) => view.photo.id),
        [carolsReady.id, carolsPending.id, bobsReady.id],
      );
      assert.equal(result.nextCursor, undefined);
    });

    it("gives variant URLs for ready photos, and the original only to its owner", async () => {
      const bobs = await upload(bob, { ready: true });
      const carols = await upload(carol);
      const [carolsView, bobsView] = (await sut.listEventPhotos(carol, event.id, { limit: 10 })).items;
      assert.deepEqual(carolsView, { photo: carols, urls: {}, viewer: { isOwner: true, canModerate: true } });
      const variantUrls = {
        thumb: `memory://read/variants/${bobs.id}/thumb.webp?expires-in=300`,
        web: `memory://read/variants/${bobs.id}/web.webp?expires-in=300`,
      };
      assert.deepEqual(bobsView, {
        photo: bobs,
        urls: variantUrls,
        viewer: { isOwner: false, canModerate: false },
      });
      const [ownView] = (await sut.listEventPhotos(bob, event.id, { limit: 10 })).items;
      assert.deepEqual(ownView?.urls, {
        ...variantUrls,
        original: `memory://read/${bobs.objectKey}?expires-in=300&response-content-disposition=${encodeURIComponent(
          attachmentDisposition(downloadNames(event.name, bobs)),
        )}`,
      });
    });

    it("fills a page past others' unfinished uploads and continues exactly where it stopped", async () => {
      const ready = [];
      for (let i = 0; i < 3; i++) {
        ready.push(await upload(bob, { ready: true }));
        await upload(bob); // pending, hidden from Carol
      }
      const first = await sut.listEventPhotos(carol, event.id, { limit: 2 });
      assert.deepEqual(
        first.items.map((v) => v.photo.id),
        [ready[2]!.id, ready[1]!.id],
      );
      const second = await sut.listEventPhotos(carol, event.id, { limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(
        second.items.map((v) => v.photo.id),
        [ready[0]!.id],
      );
      assert.equal(second.nextCursor, undefined);
    });

    it("returns a short page with a cursor rather than scanning without bound", async () => {
      await upload(bob, { ready: true });
      for (let i = 0; i < 12; i++) await upload(bob);
      const first = await sut.listEventPhotos(carol, event.id, { limit: 2 });
      assert.deepEqual(first.items, []);
      assert.ok(first.nextCursor);
      const rest = await sut.listEventPhotos(carol, event.id, { limit: 2, cursor: first.nextCursor });
      assert.equal(rest.items.length, 1);
    });

    it("answers NotFoundError for an unknown event and NotAttendeeError to a non-attendee", async () => {
      await assert.rejects(sut.listEventPhotos(carol, "evt-9999", { limit: 10 }), NotFoundError);
      await assert.rejects(sut.listEventPhotos(dave, event.id, { limit: 10 }), NotAttendeeError);
    });

    it("refuses a malformed cursor and a limit out of range", async () => {
      await assert.rejects(
        sut.listEventPhotos(carol, event.id, { limit: 10, cursor: "garbage!" }),
        ValidationError,
      );
      await assert.rejects(sut.listEventPhotos(carol, event.id, { limit: 0 }), ValidationError);
    });
  });

  describe("listMyPhotos", () => {
    it("lists every photo the caller uploaded, library and events, in any status, newest first", async () => {
      const library = await upload(bob, { eventId: null });
      const pending = await upload(bob);
      const ready = await upload(bob, { ready: true });
      await upload(carol, { ready: true });
      const result = await sut.listMyPhotos(bob, { limit: 10 });
      assert.deepEqual(
        result.items.map((v) => v.photo.id),
        [ready.id, pending.id, library.id],
      );
      assert.ok(result.items[0]?.urls.original);
    });

    it("leaves out photos gone for good unless asked for their status: the server owns the default", async () => {
      const kept = await upload(bob);
      const gone = [];
      for (const status of ["duplicate", "rejected", "expired"] as const) {
        const photo = await upload(bob);
        await photos.transition(photo.id, ["pending"], { status, updatedAt: clock.now() });
        gone.push(photo);
      }
      const unfiltered = await sut.listMyPhotos(bob, { limit: 10 });
      assert.deepEqual(
        unfiltered.items.map((v) => v.photo.id),
        [kept.id],
      );
      const duplicates = await sut.listMyPhotos(bob, { limit: 10 }, { status: "duplicate" });
      assert.deepEqual(
        duplicates.items.map((v) => v.photo.id),
        [gone[0]?.id],
      );
      const inEvent = await sut.listEventPhotos(bob, event.id, { limit: 10 });
      assert.deepEqual(
        inEvent.items.map((v) => v.photo.id),
        [kept.id],
      );
    });

    it("pages with a cursor", async () => {
      for (let i = 0; i < 3; i++) await upload(bob);
      const first = await sut.listMyPhotos(bob, { limit: 2 });
      const second = await sut.listMyPhotos(bob, { limit: 2, cursor: first.nextCursor! });
      assert.equal(first.items.length + second.items.length, 3);
      assert.equal(second.nextCursor, undefined);
    });
  });

  describe("getPhoto", () => {
    it("shows its owner a photo in any status", async () => {
      const photo = await upload(bob);
      assert.deepEqual(await sut.getPhoto(bob, photo.id), {
        photo,
        urls: {},
        viewer: { isOwner: true, canModerate: true },
      });
    });

    it("shows attendees a ready photo of their event, without the original", async () => {
      const photo = await upload(bob, { ready: true });
      const view = await sut.getPhoto(carol, photo.id);
      assert.equal(view.photo.id, photo.id);
      assert.ok(view.urls.web && view.urls.thumb);
      assert.equal(view.urls.original, undefined);
    });

    it("answers NotFoundError for others' unfinished photos, non-attendees, library photos and bad ids", async () => {
      const pending = await upload(bob);
      const ready = await upload(bob, { ready: true });
      const library = await upload(bob, { eventId: null, ready: true });
      await assert.rejects(sut.getPhoto(carol, pending.id), NotFoundError);
      await assert.rejects(sut.getPhoto(dave, ready.id), NotFoundError);
      await assert.rejects(sut.getPhoto(carol, library.id), NotFoundError);
      await assert.rejects(sut.getPhoto(carol, "nope"), NotFoundError);
      await assert.rejects(sut.getPhoto(carol, "../x"), NotFoundError);
    });
  });

  describe("deletePhoto", () => {
    it("lets the owner delete: the object and the record are both gone", async () => {
      const photo = await upload(bob, { ready: true });
      await sut.deletePhoto(bob, photo.id);
      assert.equal(await photos.get(photo.id), undefined);
      assert.equal(photoBucket.objects.has(photo.objectKey), false);
      assert.deepEqual(photoBucket.deletedKeys, [
        photo.objectKey,
        `variants/${photo.id}/thumb.webp`,
        `variants/${photo.id}/web.webp`,
      ]);
    });

    it("lets the event's organizer delete an attendee's photo", async () => {
      const photo = await upload(bob, { ready: true });
      await sut.deletePhoto(alice, photo.id);
      assert.equal(await photos.get(photo.id), undefined);
    });

    it("succeeds when the object is already gone", async () => {
      const photo = await upload(bob);
      await photoBucket.delete(photo.objectKey);
      await sut.deletePhoto(bob, photo.id);
      assert.equal(await photos.get(photo.id), undefined);
    });

    it("refuses another attendee with ForbiddenError and keeps the photo", async () => {
      const photo = await upload(bob, { ready: true });
      await assert.rejects(sut.deletePhoto(carol, photo.id), ForbiddenError);
      assert.ok(await photos.get(photo.id));
      assert.ok(photoBucket.objects.has(photo.objectKey));
    });

    it("answers NotFoundError to those who cannot see the photo", async () => {
      const pending = await upload(bob);
      const ready = await upload(bob, { ready: true });
      await assert.rejects(sut.deletePhoto(carol, pending.id), NotFoundError);
      await assert.rejects(sut.deletePhoto(dave, ready.id), NotFoundError);
      await assert.rejects(sut.deletePhoto(dave, "nope"), NotFoundError);
      assert.equal(photos.all().length, 2);
    });
  });
});
