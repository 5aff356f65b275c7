import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { InMemoryEventRepository } from "../../../test/support/fakes/in-memory-event.repository.js";
import { InMemoryPhotoRepository } from "../../../test/support/fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "../../../test/support/fakes/in-memory-photo-bucket.js";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { SequentialIds } from "../../../test/support/fakes/sequential-ids.js";
import { principal } from "../../../test/support/principals.js";
import {
  NotAttendeeError,
  NotFoundError,
  UnsupportedContentTypeError,
  UploadTooLargeError,
  ValidationError,
} from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import type { Photo } from "../../domain/photo.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import { EventService } from "../events/event.service.js";
import { type InitiateUploadInput, UploadService } from "./upload.service.js";

const alice = principal("alice");
const bob = principal("bob");
const carol = principal("carol");
const MB = 1_000_000;

describe(UploadService.name, () => {
  let photos: InMemoryPhotoRepository;
  let events: InMemoryEventRepository;
  let photoBucket: InMemoryPhotoBucket;
  let clock: ManualClock;
  let ids: SequentialIds;
  let sut: UploadService;
  let event: Event;

  beforeEach(async () => {
    photos = new InMemoryPhotoRepository();
    events = new InMemoryEventRepository();
    clock = new ManualClock();
    photoBucket = new InMemoryPhotoBucket(clock);
    ids = new SequentialIds();
    sut = new UploadService({ photos, events, photoBucket, clock, ids });
    const eventService = new EventService({ events, clock, ids: new SequentialIds("evt") });
    event = await eventService.create(alice, { name: "Wedding" });
    await eventService.joinWithCode(bob, event.inviteCode);
  });

  const jpeg = (overrides: Partial<InitiateUploadInput> = {}): InitiateUploadInput => ({
    eventId: event.id,
    filename: "IMG_0001.jpg",
    contentType: "image/jpeg",
    size: 2 * MB,
    ...overrides,
  });

  describe("initiate", () => {
    it("writes a pending photo under the event and returns it with a POST ticket", async () => {
      const { photo, ticket } = await sut.initiate(
        bob,
        jpeg({ title: " Cake ", description: "First slice" }),
      );
      const expected: Photo = {
        id: "id-0001",
        ownerId: bob.userId,
        eventId: event.id,
        objectKey: `uploads/event_${event.id}/id-0001.jpg`,
        filename: "IMG_0001.jpg",
        contentType: "image/jpeg",
        declaredSize: 2 * MB,
        title: "Cake",
        description: "First slice",
        uploaderName: bob.name ?? "Someone",
        status: "pending",
        createdAt: clock.now(),
        updatedAt: clock.now(),
        uploadExpiresAt: new Date(clock.now().getTime() + 600_000),
      };
      assert.deepEqual(photo, expected);
      assert.deepEqual(await photos.get("id-0001"), expected);
      assert.equal(ticket.method, "POST");
      assert.deepEqual(ticket.expiresAt, expected.uploadExpiresAt);
    });

    it("asks the store for a ticket pinning key, type, size, id metadata and immutable caching", async () => {
      await sut.initiate(bob, jpeg());
      assert.deepEqual(photoBucket.ticketRequests, [
        {
          method: "POST",
          key: `uploads/event_${event.id}/id-0001.jpg`,
          contentType: "image/jpeg",
          maxBytes: 2 * MB,
          metadata: { "photo-id": "id-0001", "owner-id": bob.userId, "event-id": event.id },
          cacheControl: "max-age=31536000, immutable",
          expiresInSeconds: 600,
        },
      ]);
    });

    it("signs the exact size into a PUT ticket", async () => {
      const { ticket } = await sut.initiate(bob, jpeg({ method: "PUT", size: 12345 }));
      assert.equal(ticket.method, "PUT");
      assert.equal(photoBucket.ticketRequests[0]?.exactBytes, 12345);
      assert.equal(photoBucket.ticketRequests[0]?.maxBytes, 12345);
    });

    it("writes the pending photo before issuing the ticket", async () => {
      let storedWhenAsked: Photo | undefined;
      const recordingStore: PhotoBucket = Object.assign(Object.create(photoBucket), {
        createUploadTicket: async (request: Parameters<PhotoBucket["createUploadTicket"]>[0]) => {
          storedWhenAsked = await photos.get(request.metadata["photo-id"]!);
          return photoBucket.createUploadTicket(request);
        },
      });
      const service = new UploadService({ photos, events, photoBucket: recordingStore, clock, ids });
      await service.initiate(bob, jpeg());
      assert.equal(storedWhenAsked?.status, "pending");
    });

    it("leaves the pending photo for the reconciler when the store cannot issue a ticket", async () => {
      photoBucket.failNextTicket();
      await assert.rejects(sut.initiate(bob, jpeg()), /object store unavailable/);
      assert.deepEqual(
        photos.all().map((p) => p.status),
        ["pending"],
      );
    });

    it("puts a photo without an event in the owner's library", async () => {
      const { photo } = await sut.initiate(carol, jpeg({ eventId: undefined, contentType: "image/png" }));
      assert.equal(photo.objectKey, `uploads/user_${carol.userId}/id-0001.png`);
      assert.equal("eventId" in photo, false);
      assert.deepEqual(photoBucket.ticketRequests[0]?.metadata, {
        "photo-id": "id-0001",
        "owner-id": carol.userId,
      });
    });

    it("gives each accepted type its extension and normalises the declared type", async () => {
      const { photo } = await sut.initiate(bob, jpeg({ contentType: " Image/HEIC " }));
      assert.equal(photo.contentType, "image/heic");
      assert.match(photo.objectKey, /\.heic$/);
    });

    it("keeps only the base name of the client's filename, and never puts it in the key", async () => {
      const { photo } = await sut.initiate(bob, jpeg({ filename: "../../a/b\\evil\u0000.jpg" }));
      assert.equal(photo.filename, "evil.jpg");
      assert.equal(photo.objectKey.includes("evil"), false);
    });

    it("falls back to a generic filename when the client sent none usable", async () => {
      const { photo } = await sut.initiate(bob, jpeg({ filename: "dir/" }));
      assert.equal(photo.filename, "photo.jpg");
    });

    it("refuses an unsupported content type, listing the supported ones", async () => {
      const error = await sut.initiate(bob, jpeg({ contentType: "image/svg+xml" })).catch((e: unknown) => e);
      assert.ok(error instanceof UnsupportedContentTypeError);
      assert.ok(error.supported.includes("image/webp"));
      assert.deepEqual(photos.all(), []);
    });

    it("refuses a size above the maximum with UploadTooLargeError and a non-positive one with ValidationError", async () => {
      await assert.rejects(sut.initiate(bob, jpeg({ size: 50 * MB + 1 })), UploadTooLargeError);
      await assert.rejects(sut.initiate(bob, jpeg({ size: 0 })), ValidationError);
      await assert.rejects(sut.initiate(bob, jpeg({ size: 1.5 })), ValidationError);
      assert.deepEqual(photos.all(), []);
      assert.deepEqual(photoBucket.ticketRequests, []);
    });

    it("refuses titles, descriptions and filenames that are too long", async () => {
      await assert.rejects(sut.initiate(bob, jpeg({ title: "x".repeat(201) })), ValidationError);
      await assert.rejects(sut.initiate(bob, jpeg({ description: "x".repeat(2001) })), ValidationError);
      await assert.rejects(sut.initiate(bob, jpeg({ filename: `${"x".repeat(252)}.jpg` })), ValidationError);
      assert.deepEqual(photos.all(), []);
    });

    it("answers NotFoundError for an unknown or malformed event id", async () => {
      await assert.rejects(sut.initiate(bob, jpeg({ eventId: "evt-9999" })), NotFoundError);
      await assert.rejects(sut.initiate(bob, jpeg({ eventId: "../../other" })), NotFoundError);
      assert.deepEqual(photos.all(), []);
    });

    it("answers NotAttendeeError to someone who does not attend the event", async () => {
      await assert.rejects(sut.initiate(carol, jpeg()), NotAttendeeError);
      assert.deepEqual(photos.all(), []);
    });

    it("refuses a caller whose user id cannot be part of a key", async () => {
      await assert.rejects(
        sut.initiate(principal("x", { userId: "a/b" }), jpeg({ eventId: undefined })),
        ValidationError,
      );
    });

    it("uses the configured ticket lifetime and upload limit", async () => {
      const service = new UploadService(
        { photos, events, photoBucket, clock, ids },
        { ticketTtlSeconds: 300, maxUploadBytes: 1000 },
      );
      const { photo } = await service.initiate(bob, jpeg({ size: 1000 }));
      assert.deepEqual(photo.uploadExpiresAt, new Date(clock.now().getTime() + 300_000));
      assert.equal(photoBucket.ticketRequests[0]?.expiresInSeconds, 300);
      await assert.rejects(service.initiate(bob, jpeg({ size: 1001 })), UploadTooLargeError);
    });

    it("refuses a ticket lifetime outside 5–15 minutes at construction", () => {
      for (const ticketTtlSeconds of [299, 901]) {
        assert.throws(
          () => new UploadService({ photos, events, photoBucket, clock, ids }, { ticketTtlSeconds }),
          RangeError,
        );
      }
    });
  });

  describe("uploadDirect", () => {
    const body = Buffer.from("not really a jpeg, the pipeline checks that");

    it("writes the pending photo, then the object with the same metadata, create-only", async () => {
      const photo = await sut.uploadDirect(bob, {
        eventId: event.id,
        contentType: "image/jpeg",
        body,
        title: "Hi",
      });
      assert.equal(photo.status, "pending");
      assert.equal(photo.declaredSize, body.length);
      assert.equal(photo.filename, "photo.jpg");
      assert.deepEqual(await photos.get(photo.id), photo);
      const stored = photoBucket.objects.get(photo.objectKey);
      assert.deepEqual(stored?.body, body);
      assert.equal(stored?.contentType, "image/jpeg");
      assert.equal(stored?.cacheControl, "max-age=31536000, immutable");
      assert.deepEqual(stored?.metadata, {
        "photo-id": photo.id,
        "owner-id": bob.userId,
        "event-id": event.id,
      });
    });

    it("refuses a body above the direct-upload maximum before storing anything", async () => {
      const service = new UploadService(
        { photos, events, photoBucket, clock, ids },
        { maxDirectUploadBytes: 10 },
      );
      await assert.rejects(
        service.uploadDirect(bob, { eventId: event.id, contentType: "image/jpeg", body: Buffer.alloc(11) }),
        UploadTooLargeError,
      );
      assert.deepEqual(photos.all(), []);
      assert.equal(photoBucket.objects.size, 0);
    });

    it("refuses an empty body, an unsupported type and a non-attendee", async () => {
      await assert.rejects(
        sut.uploadDirect(bob, { contentType: "image/jpeg", body: Buffer.alloc(0) }),
        ValidationError,
      );
      await assert.rejects(
        sut.uploadDirect(bob, { contentType: "text/html", body }),
        UnsupportedContentTypeError,
      );
      await assert.rejects(
        sut.uploadDirect(carol, { eventId: event.id, contentType: "image/jpeg", body }),
        NotAttendeeError,
      );
      assert.equal(photoBucket.objects.size, 0);
    });

    it("defaults to a 10 MB direct-upload limit", async () => {
      await assert.rejects(
        sut.uploadDirect(bob, { contentType: "image/jpeg", body: Buffer.alloc(10 * MB + 1) }),
        UploadTooLargeError,
      );
    });
  });
});
