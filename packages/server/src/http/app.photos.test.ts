import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { processedFields } from "../../test/support/fixtures.js";

const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe("HTTP app: uploads and photos", () => {
  it("issues a presigned POST ticket for an event upload (201) and records a pending photo", async () => {
    const { call, eventWith, photoRepository, photoBucket } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const res = await call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
      as: "bob",
      json: { filename: "IMG_1.jpg", contentType: "image/jpeg", size: 123456, title: "Cake" },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ["expiresAt", "fields", "method", "photoId", "url"]);
    assert.equal(res.body.method, "POST");
    assert.equal(res.body.expiresAt, "2026-06-01T12:10:00.000Z");
    const photo = await photoRepository.get(res.body.photoId);
    assert.equal(photo?.status, "pending");
    assert.equal(photo?.eventId, event.id);
    assert.equal(photo?.title, "Cake");
    assert.equal(photoBucket.ticketRequests[0]?.maxBytes, 123456);
  });

  it("issues a presigned PUT ticket with headers for a library upload", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/photos/initiate-upload", {
      as: "alice",
      json: { filename: "a.png", contentType: "image/png", size: 10, method: "PUT" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.method, "PUT");
    assert.equal(res.body.fields, undefined);
    assert.equal(res.body.headers["Content-Type"], "image/png");
  });

  it("refuses an unsupported type, a bad size or a missing field with 400", async () => {
    const { call } = createAppHarness();
    const initiate = (json: unknown) => call("POST", "/api/photos/initiate-upload", { as: "alice", json });
    const type = await initiate({ filename: "a.exe", contentType: "application/x-msdownload", size: 10 });
    assert.equal(type.status, 400);
    assert.equal(type.body.error.code, "UNSUPPORTED_CONTENT_TYPE");
    assert.match(type.body.error.message, /image\/jpeg/);
    const big = await initiate({ filename: "a.jpg", contentType: "image/jpeg", size: 60 * 1024 * 1024 });
    assert.equal(big.status, 400);
    assert.equal(big.body.error.code, "UPLOAD_TOO_LARGE");
    const zero = await initiate({ filename: "a.jpg", contentType: "image/jpeg", size: 0 });
    assert.equal(zero.status, 400);
    const missing = await initiate({ contentType: "image/jpeg", size: 5 });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /filename/);
    const method = await initiate({ filename: "a.jpg", contentType: "image/jpeg", size: 5, method: "PATCH" });
    assert.equal(method.status, 400);
    assert.match(method.body.error.message, /method/);
  });

  it("refuses uploads to an event the caller does not attend (403) or that does not exist (404)", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice");
    const body = { filename: "a.jpg", contentType: "image/jpeg", size: 10 };
    const stranger = await call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
      as: "mallory",
      json: body,
    });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.error.code, "NOT_ATTENDEE");
    const unknown = await call("POST", "/api/events/unknown/photos/initiate-upload", {
      as: "alice",
      json: body,
    });
    assert.equal(unknown.status, 404);
  });

  it("takes a small raw image body in one step (201) and stores it with its metadata", async () => {
    const { call, eventWith, photoBucket } = createAppHarness();
    const event = await eventWith("alice");
    const res = await call("POST", `/api/photos?eventId=${event.id}&title=Sunset&filename=sun.jpg`, {
      as: "alice",
      body: jpegBytes,
      headers: { "content-type": "image/jpeg" },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, "pending");
    assert.equal(res.body.eventId, event.id);
    assert.equal(res.body.title, "Sunset");
    assert.equal(res.body.filename, "sun.jpg");
    assert.equal(res.body.size, jpegBytes.length);
    assert.deepEqual(res.body.urls, { thumb: null, web: null, original: null });
    const [stored] = photoBucket.objects.values();
    assert.deepEqual(stored?.body, jpegBytes);
    assert.equal(stored?.metadata["photo-id"], res.body.id);
  });

  it("takes a multipart upload with a file part and text fields", async () => {
    const { call } = createAppHarness();
    const form = new FormData();
    form.set("title", "From a form");
    form.set("file", new Blob([jpegBytes], { type: "image/jpeg" }), "form.jpg");
    const res = await call("POST", "/api/photos", { as: "alice", body: form });
    assert.equal(res.status, 201);
    assert.equal(res.body.title, "From a form");
    assert.equal(res.body.filename, "form.jpg");
    assert.equal(res.body.eventId, null);
    assert.equal(res.body.contentType, "image/jpeg");
  });

  it("refuses a direct upload of an unsupported type (400) or without a file part (400)", async () => {
    const { call } = createAppHarness();
    const text = await call("POST", "/api/photos", {
      as: "alice",
      body: "hello",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(text.status, 400);
    assert.equal(text.body.error.code, "UNSUPPORTED_CONTENT_TYPE");
    const form = new FormData();
    form.set("title", "no file");
    const noFile = await call("POST", "/api/photos", { as: "alice", body: form });
    assert.equal(noFile.status, 400);
    assert.match(noFile.body.error.message, /file/);
  });

  it("refuses a direct upload over the limit with 413, raw or multipart", async () => {
    const { call } = createAppHarness();
    const raw = await call("POST", "/api/photos", {
      as: "alice",
      body: Buffer.alloc(2048, 1),
      headers: { "content-type": "image/jpeg" },
    });
    assert.equal(raw.status, 413);
    assert.equal(raw.body.error.code, "PAYLOAD_TOO_LARGE");
    const form = new FormData();
    form.set("file", new Blob([Buffer.alloc(2048, 1)], { type: "image/jpeg" }), "big.jpg");
    const multipart = await call("POST", "/api/photos", { as: "alice", body: form });
    assert.equal(multipart.status, 413);
  });

  it("stops reading an oversized body without Content-Length instead of buffering it all", async () => {
    const { app } = createAppHarness();
    let chunksPulled = 0;
    // 1 MiB in 256-byte chunks, against a 1 KiB limit: a reader that stops at the limit pulls a handful.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksPulled++;
        if (chunksPulled > 4096) controller.close();
        else controller.enqueue(new Uint8Array(256));
      },
    });
    const res = await app.request("/api/photos", {
      method: "POST",
      headers: { authorization: "Bearer token-alice", "content-type": "image/jpeg" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.ok(chunksPulled < 20, `read ${chunksPulled} chunks of 256 bytes for a 1024-byte limit`);
  });

  it("lists an event's gallery: own photos in any status, others' only when ready", async () => {
    const { call, eventWith, photoRepository } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const upload = async (as: string) =>
      (
        await call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
          as,
          json: { filename: "x.jpg", contentType: "image/jpeg", size: 100 },
        })
      ).body.photoId as string;
    const alicePending = await upload("alice");
    const aliceReady = await upload("alice");
    await photoRepository.transition(aliceReady, ["pending"], {
      status: "ready",
      size: 100,
      width: 4,
      height: 3,
      variants: processedFields(aliceReady).variants,
    });

    const asBob = await call("GET", `/api/events/${event.id}/photos`, { as: "bob" });
    assert.equal(asBob.status, 200);
    assert.deepEqual(
      asBob.body.items.map((p: { id: string }) => p.id),
      [aliceReady],
    );
    const [photo] = asBob.body.items;
    assert.equal(photo.width, 4);
    assert.match(photo.urls.web, /^memory:\/\/read\/variants\//);
    assert.match(photo.urls.thumb, /^memory:\/\/read\/variants\//);
    assert.equal(photo.urls.original, null, "only the owner gets the original");

    const asAlice = await call("GET", `/api/events/${event.id}/photos`, { as: "alice" });
    assert.deepEqual(
      new Set(asAlice.body.items.map((p: { id: string }) => p.id)),
      new Set([alicePending, aliceReady]),
    );
    assert.equal((await call("GET", `/api/events/${event.id}/photos`, { as: "mallory" })).status, 403);
    assert.equal((await call("GET", "/api/events/nope/photos", { as: "alice" })).status, 404);
  });

  it("lists my photos, shows one photo, and hides others' pending photos (404)", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const created = await call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
      as: "alice",
      json: { filename: "x.jpg", contentType: "image/jpeg", size: 100 },
    });
    const mine = await call("GET", "/api/photos", { as: "alice" });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items.length, 1);
    assert.equal(mine.body.nextCursor, null);
    const one = await call("GET", `/api/photos/${created.body.photoId}`, { as: "alice" });
    assert.equal(one.status, 200);
    assert.deepEqual(Object.keys(one.body).sort(), [
      "blurhash",
      "camera",
      "colorProfile",
      "contentType",
      "createdAt",
      "description",
      "duplicateOf",
      "eventId",
      "exposure",
      "failedStep",
      "filename",
      "format",
      "gps",
      "guestName",
      "height",
      "id",
      "labels",
      "listedInGallery",
      "moderation",
      "ownerId",
      "review",
      "size",
      "status",
      "statusReason",
      "takenAt",
      "takenAtOffset",
      "title",
      "uploaderName",
      "urls",
      "width",
    ]);
    assert.equal((await call("GET", `/api/photos/${created.body.photoId}`, { as: "bob" })).status, 404);
    assert.equal((await call("GET", "/api/photos/unknown", { as: "alice" })).status, 404);
  });

  it("deletes a photo for its owner (204); another attendee gets 403; then it is gone", async () => {
    const { call, eventWith, photoRepository, photoBucket } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const { photoId } = (
      await call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
        as: "alice",
        json: { filename: "x.jpg", contentType: "image/jpeg", size: 100 },
      })
    ).body;
    await photoRepository.transition(photoId, ["pending"], { status: "ready", size: 100 });
    assert.equal((await call("DELETE", `/api/photos/${photoId}`, { as: "bob" })).status, 403);
    const deleted = await call("DELETE", `/api/photos/${photoId}`, { as: "alice" });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, undefined);
    assert.deepEqual(photoBucket.deletedKeys, [
      `uploads/event_${event.id}/${photoId}.jpg`,
      `variants/${photoId}/thumb.webp`,
      `variants/${photoId}/web.webp`,
    ]);
    assert.equal((await call("GET", `/api/photos/${photoId}`, { as: "alice" })).status, 404);
    assert.equal((await call("DELETE", `/api/photos/${photoId}`, { as: "alice" })).status, 404);
  });
});
