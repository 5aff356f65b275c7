import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { makePhoto, processedFields } from "../../test/support/fixtures.js";

/** A processed photo of `eventId`, with its original and variants in the bucket. */
async function readyPhoto(h: ReturnType<typeof createAppHarness>, eventId: string, id: string) {
  const photo = makePhoto({
    id,
    eventId,
    ownerId: "user-bob",
    objectKey: `uploads/event_${eventId}/${id}.jpg`,
    ...processedFields(id),
    status: "ready",
  });
  await h.photoRepository.create(photo);
  for (const key of [photo.objectKey, `variants/${id}/thumb.webp`, `variants/${id}/web.webp`]) {
    await h.photoBucket.write(key, Buffer.from("x"), { contentType: "image/webp" });
  }
  return photo;
}

const upload = { filename: "a.jpg", contentType: "image/jpeg", size: 100 };

describe("managing an event over HTTP", () => {
  it("lets the organizer edit name, date and description (200); attendees get 403, outsiders 404", async () => {
    const h = createAppHarness();
    const { id } = await h.eventWith("alice", ["bob"]);
    const changes = { name: "Summer party", startsAt: "2026-08-01", description: "Bring cake" };
    assert.equal((await h.call("PATCH", `/api/events/${id}`, { as: "bob", json: changes })).status, 403);
    assert.equal((await h.call("PATCH", `/api/events/${id}`, { as: "dave", json: changes })).status, 404);
    const edited = await h.call("PATCH", `/api/events/${id}`, { as: "alice", json: changes });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.name, "Summer party");
    assert.equal(edited.body.startsAt, "2026-08-01");
    const cleared = await h.call("PATCH", `/api/events/${id}`, { as: "alice", json: { description: null } });
    assert.equal(cleared.body.description, null);
    assert.equal(cleared.body.name, "Summer party", "absent fields stay");
    const blank = await h.call("PATCH", `/api/events/${id}`, { as: "alice", json: { name: " " } });
    assert.equal(blank.status, 400);
  });

  it("takes a ready photo of the event as cover, refuses another event's; the list shows cover, date and counts", async () => {
    const h = createAppHarness();
    const { id } = await h.eventWith("alice", ["bob", "carol"]);
    const other = await h.eventWith("dave");
    await readyPhoto(h, id, "p1");
    await readyPhoto(h, id, "p2");
    await readyPhoto(h, other.id, "q1");
    const foreign = await h.call("PATCH", `/api/events/${id}`, { as: "alice", json: { coverPhotoId: "q1" } });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error.code, "VALIDATION_FAILED");
    const chosen = await h.call("PATCH", `/api/events/${id}`, {
      as: "alice",
      json: { coverPhotoId: "p1", startsAt: "2026-08-01" },
    });
    assert.equal(chosen.status, 200);
    assert.equal(chosen.body.coverPhotoId, "p1");
    const list = await h.call("GET", "/api/events", { as: "bob" });
    const item = list.body.items.find((e: { id: string }) => e.id === id);
    assert.equal(item.photoCount, 2);
    assert.equal(item.attendeeCount, 3);
    assert.equal(item.startsAt, "2026-08-01");
    assert.match(item.coverThumbUrl, /variants\/p1\/thumb\.webp/);
  });

  it("refuses attendee and guest tickets outside the upload window (403 UPLOADS_CLOSED) and takes them again when reopened", async () => {
    const h = createAppHarness();
    const { id } = await h.eventWith("alice", ["bob"]);
    const link = await h.call("POST", `/api/events/${id}/guest-links`, { as: "alice", json: {} });
    const ticketPath = `/api/events/${id}/photos/initiate-upload`;
    const guestPath = `/api/guest/${link.body.token}/initiate-upload`;

    const closed = await h.call("PATCH", `/api/events/${id}`, { as: "alice", json: { uploadsClosed: true } });
    assert.equal(closed.body.uploadWindow.open, false);
    const refused = await h.call("POST", ticketPath, { as: "bob", json: upload });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "UPLOADS_CLOSED");
    assert.match(refused.body.error.message, /closed/);
    const guestRefused = await h.call("POST", guestPath, { json: upload });
    assert.equal(guestRefused.status, 403);
    assert.equal(guestRefused.body.error.code, "UPLOADS_CLOSED");
    const guestPage = await h.call("GET", `/api/guest/${link.body.token}`);
    assert.equal(guestPage.body.uploadWindow.open, false);
    const after = await h.call("GET", `/api/events/${id}/guest-links`, { as: "alice" });
    assert.equal(after.body.items[0].uploads, 0, "a refused guest upload uses none of the link's allowance");

    const opensAt = new Date(h.clock.now().getTime() + 3600_000).toISOString();
    await h.call("PATCH", `/api/events/${id}`, {
      as: "alice",
      json: { uploadsClosed: false, uploadsOpenAt: opensAt },
    });
    const early = await h.call("POST", ticketPath, { as: "bob", json: upload });
    assert.equal(early.status, 403);
    assert.equal(early.body.error.message, `Uploads are closed: they open at ${opensAt}`);

    h.clock.advance(3600_000);
    assert.equal((await h.call("POST", ticketPath, { as: "bob", json: upload })).status, 201);
    assert.equal((await h.call("POST", guestPath, { json: upload })).status, 201);
  });

  it("refuses a close time before the open time (400)", async () => {
    const h = createAppHarness();
    const { id } = await h.eventWith("alice");
    const res = await h.call("PATCH", `/api/events/${id}`, {
      as: "alice",
      json: { uploadsOpenAt: "2026-07-02T10:00:00Z", uploadsCloseAt: "2026-07-01T10:00:00Z" },
    });
    assert.equal(res.status, 400);
  });

  it("deletes for the organizer only (202): the event is gone for everyone at once, and the job removes everything", async () => {
    const h = createAppHarness();
    const { id, inviteCode } = await h.eventWith("alice", ["bob"]);
    const photo = await readyPhoto(h, id, "p1");
    await h.call("POST", `/api/events/${id}/guest-links`, { as: "alice", json: {} });
    const share = await h.call("POST", "/api/shares", { as: "bob", json: { photoId: photo.id } });
    assert.equal(share.status, 201, JSON.stringify(share.body));
    const eventShare = await h.call("POST", "/api/shares", { as: "alice", json: { eventId: id } });
    assert.equal(eventShare.status, 201, JSON.stringify(eventShare.body));
    assert.equal((await h.call("DELETE", `/api/events/${id}`, { as: "bob" })).status, 403);

    const deleted = await h.call("DELETE", `/api/events/${id}`, { as: "alice" });
    assert.equal(deleted.status, 202);
    assert.deepEqual(deleted.body, { eventId: id, status: "deleting" });
    assert.equal((await h.call("GET", `/api/events/${id}`, { as: "bob" })).status, 404);
    assert.equal((await h.call("GET", "/api/events", { as: "alice" })).body.items.length, 0);
    const join = await h.call("POST", "/api/events/join", { as: "carol", json: { inviteCode } });
    assert.equal(join.status, 404);

    assert.deepEqual(h.deletionJobs, [{ eventId: id }]);
    await h.eventDeletion.run({ eventId: id });
    await h.eventDeletion.run({ eventId: id }); // delivered twice: nothing left to do, no error
    assert.equal(await h.photoRepository.get("p1"), undefined);
    assert.equal(h.photoBucket.objects.size, 0);
    assert.equal((await h.guestLinkRepository.listByEvent(id, { limit: 10 })).items.length, 0);
    assert.equal(await h.shareLinkRepository.get(share.body.id), undefined);
    assert.equal(await h.shareLinkRepository.get(eventShare.body.id), undefined);
    assert.equal(await h.eventRepository.getAttendance(id, "user-bob"), undefined);
    assert.equal(await h.eventRepository.markDeleting(id, new Date()), false, "the event record is gone");
  });
});
