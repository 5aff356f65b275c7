import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { processedFields } from "../../test/support/fixtures.js";
import type { PhotoChanges } from "../domain/photo.js";

/** An event organized by Alice, attended by Bob and Carol, with a helper to add processed photos. */
async function galleryApp() {
  const harness = createAppHarness();
  const event = await harness.eventWith("alice", ["bob", "carol"]);
  const upload = async (as: string, changes?: PhotoChanges) => {
    const ticket = await harness.call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
      as,
      json: { filename: "x.jpg", contentType: "image/jpeg", size: 100 },
    });
    const photoId: string = ticket.body.photoId;
    if (changes) {
      await harness.photoRepository.transition(photoId, ["pending"], {
        ...processedFields(photoId),
        ...changes,
      });
    }
    harness.clock.advance(1000);
    return photoId;
  };
  return { ...harness, event, upload };
}

describe("HTTP app: processed photos", () => {
  it("never puts GPS in a non-owner's JSON, in the photo or any list, and gives it to the owner", async () => {
    const { call, event, upload } = await galleryApp();
    const photoId = await upload("bob", { status: "ready" });
    const { latitude } = processedFields(photoId).gps;
    for (const path of [
      `/api/photos/${photoId}`,
      `/api/events/${event.id}/photos`,
      `/api/events/${event.id}/photos?label=dog`,
    ]) {
      for (const as of ["carol", "alice"]) {
        const res = await call("GET", path, { as });
        assert.equal(res.status, 200, path);
        const text = JSON.stringify(res.body);
        assert.ok(text.includes(photoId), `${path} as ${as} lists the photo`);
        assert.equal(text.includes('"gps"'), false, `${path} as ${as}`);
        assert.equal(text.includes(String(latitude)), false, `${path} as ${as}`);
        assert.equal(text.includes('"original":"'), false, `${path} as ${as}: no original URL`);
      }
    }
    const own = await call("GET", `/api/photos/${photoId}`, { as: "bob" });
    assert.deepEqual(own.body.gps, { latitude, longitude: 13.404954, altitude: 34.5 });
    assert.match(own.body.urls.original, /^memory:\/\/read\/uploads\//);
    const mine = await call("GET", "/api/photos", { as: "bob" });
    assert.equal(mine.body.items[0].gps.latitude, latitude);
  });

  it("describes a processed photo: dimensions, camera, exposure, labels, blurhash and variant URLs", async () => {
    const { call, upload } = await galleryApp();
    const photoId = await upload("bob", { status: "ready" });
    const { body } = await call("GET", `/api/photos/${photoId}`, { as: "carol" });
    assert.deepEqual([body.width, body.height, body.format], [4000, 3000, "jpeg"]);
    assert.deepEqual(body.camera, { make: "Fujifilm", model: "X100V", lens: "23mm F2" });
    assert.deepEqual(body.exposure, { exposureTime: 0.004, fNumber: 2.8, iso: 400, focalLength: 23 });
    assert.equal(body.colorProfile, "sRGB IEC61966-2.1");
    assert.deepEqual(body.labels, [
      { name: "dog", confidence: 0.91 },
      { name: "person", confidence: 0.55 },
    ]);
    assert.equal(body.moderation, undefined, "moderation scores are for the owner and organizer");
    assert.equal(body.blurhash, processedFields(photoId).blurhash);
    assert.match(body.urls.thumb, new RegExp(`^memory://read/variants/${photoId}/thumb\\.webp`));
    assert.match(body.urls.web, new RegExp(`^memory://read/variants/${photoId}/web\\.webp`));
    assert.equal(body.urls.original, null);
  });

  it("filters by label with pagination, and by status for the organizer's moderation queue", async () => {
    const { call, event, upload } = await galleryApp();
    const dogs = [];
    for (let i = 0; i < 3; i++) dogs.unshift(await upload("bob", { status: "ready" }));
    await upload("bob", { status: "ready", labels: [{ name: "cat", confidence: 0.9 }] });
    const hidden = await upload("carol", { status: "hidden" });

    const first = await call("GET", `/api/events/${event.id}/photos?label=Dog&limit=2`, { as: "carol" });
    assert.deepEqual(
      first.body.items.map((p: { id: string }) => p.id),
      [hidden, dogs[0]],
    );
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await call("GET", `/api/events/${event.id}/photos?label=Dog&limit=2&cursor=${cursor}`, {
      as: "carol",
    });
    assert.deepEqual(
      second.body.items.map((p: { id: string }) => p.id),
      dogs.slice(1),
    );
    assert.equal(second.body.nextCursor, null);

    const queue = await call("GET", `/api/events/${event.id}/photos?status=hidden`, { as: "alice" });
    assert.deepEqual(
      queue.body.items.map((p: { id: string }) => p.id),
      [hidden],
    );
    assert.equal(queue.body.items[0].status, "hidden");
    assert.deepEqual(queue.body.items[0].moderation, [{ name: "suggestive", confidence: 0.12 }]);
    const notForBob = await call("GET", `/api/events/${event.id}/photos?status=hidden`, { as: "bob" });
    assert.deepEqual(notForBob.body.items, []);
  });

  it("refuses a bad label, status or wait with 400", async () => {
    const { call, event, upload } = await galleryApp();
    const photoId = await upload("bob");
    for (const path of [
      `/api/events/${event.id}/photos?label=d%2Ag`,
      `/api/events/${event.id}/photos?label=${"a".repeat(65)}`,
      `/api/events/${event.id}/photos?status=lost`,
      "/api/photos?label=%20",
      "/api/photos?status=READY",
      `/api/photos/${photoId}?waitWhilePending=26`,
      `/api/photos/${photoId}?waitWhilePending=soon`,
    ]) {
      const res = await call("GET", path, { as: "bob" });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.code, "VALIDATION_FAILED", path);
    }
  });

  it("approves a hidden photo for the organizer (200); a plain attendee gets 403, unknown photos 404", async () => {
    const { call, upload } = await galleryApp();
    const hidden = await upload("bob", { status: "hidden" });
    const byOwner = await call("POST", `/api/photos/${hidden}/approve`, { as: "bob" });
    assert.equal(byOwner.status, 403);
    assert.equal(byOwner.body.error.code, "FORBIDDEN");
    assert.equal((await call("POST", `/api/photos/${hidden}/approve`, { as: "carol" })).status, 404);
    assert.equal((await call("POST", "/api/photos/unknown/approve", { as: "alice" })).status, 404);
    assert.equal((await call("POST", `/api/photos/${hidden}/approve`)).status, 401);

    const approved = await call("POST", `/api/photos/${hidden}/approve`, { as: "alice" });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, "ready");
    assert.equal((await call("GET", `/api/photos/${hidden}`, { as: "carol" })).body.status, "ready");
    const failed = await upload("alice", { status: "failed" });
    assert.equal((await call("POST", `/api/photos/${failed}/approve`, { as: "alice" })).status, 409);
  });

  it("retries a failed photo for its owner (202, pending, queued); 409 when not failed; 404 for others", async () => {
    const { call, upload, pipeline, event } = await galleryApp();
    const failed = await upload("bob", {
      status: "failed",
      failedStep: "variants",
      statusReason: "disk full",
    });
    const shown = await call("GET", `/api/photos/${failed}`, { as: "bob" });
    assert.deepEqual(
      [shown.body.status, shown.body.failedStep, shown.body.statusReason],
      ["failed", "variants", "disk full"],
    );
    assert.equal((await call("POST", `/api/photos/${failed}/retry`, { as: "alice" })).status, 404);

    const retried = await call("POST", `/api/photos/${failed}/retry`, { as: "bob" });
    assert.equal(retried.status, 202);
    assert.equal(retried.body.status, "pending");
    assert.equal(retried.body.failedStep, null);
    assert.deepEqual(pipeline.jobs, [{ key: `uploads/event_${event.id}/${failed}.jpg`, etag: "0123abcd" }]);
    const again = await call("POST", `/api/photos/${failed}/retry`, { as: "bob" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "CONFLICT");
  });

  it("long-polls a pending photo: answers as soon as it leaves pending", async () => {
    const { call, upload, photoRepository, changes } = await galleryApp();
    const photoId = await upload("bob");
    const waiting = call("GET", `/api/photos/${photoId}?waitWhilePending=20`, { as: "bob" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await photoRepository.transition(photoId, ["pending"], { ...processedFields(photoId), status: "ready" });
    changes.notify(photoId);
    const res = await waiting;
    assert.equal(res.status, 200);
    assert.equal(res.body.status, "ready");
    assert.equal(
      (await call("GET", `/api/photos/${photoId}?waitWhilePending=0`, { as: "bob" })).body.status,
      "ready",
    );
  });

  it("documents the filters, the long poll and the new statuses in the OpenAPI document", async () => {
    const { call } = createAppHarness();
    const doc = (await call("GET", "/api/openapi.json")).body;
    const parameters = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort();
    assert.deepEqual(parameters("/events/{eventId}/photos"), [
      "path:eventId",
      "query:cursor",
      "query:label",
      "query:labels",
      "query:limit",
      "query:order",
      "query:status",
      "query:uploader",
    ]);
    assert.deepEqual(parameters("/photos/{photoId}"), ["path:photoId", "query:waitWhilePending"]);
    const wait = doc.paths["/photos/{photoId}"].get.parameters.find(
      (p: { name: string }) => p.name === "waitWhilePending",
    );
    assert.equal(wait.schema.maximum, 25);
    assert.deepEqual(doc.components.schemas.Photo.properties.status.enum, [
      "pending",
      "ready",
      "hidden",
      "duplicate",
      "rejected",
      "failed",
      "expired",
    ]);
    assert.ok(doc.paths["/photos/{photoId}/retry"].post.responses["202"]);
    assert.ok(doc.paths["/photos/{photoId}/approve"].post.responses["409"]);
  });
});
