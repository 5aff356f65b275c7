import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { at, makePhoto, processedFields, T0 } from "../../test/support/fixtures.js";
import { FixedWindowRateLimiter } from "../adapters/in-process/fixed-window-rate-limiter.js";
import { guestOwnerId } from "../domain/guest-link.js";

/** A ready photo of `eventId` (as the pipeline leaves one), uploaded by `ownerId`. */
async function seedReadyPhoto(
  h: ReturnType<typeof createAppHarness>,
  id: string,
  eventId: string,
  ownerId: string,
  createdAt = T0,
  held = false,
) {
  const photo = makePhoto({
    id,
    eventId,
    ownerId,
    createdAt,
    objectKey: `uploads/event_${eventId}/${id}.jpg`,
    ...(held ? { review: "waiting" as const } : {}),
  });
  await h.photoRepository.create(photo);
  await h.photoRepository.transition(id, ["pending"], { ...processedFields(id), status: "ready" });
}

describe("HTTP app: the invite preview (join page)", () => {
  let h: ReturnType<typeof createAppHarness>;
  let event: { id: string; inviteCode: string };

  beforeEach(async () => {
    h = createAppHarness();
    event = await h.eventWith("alice", ["bob"]);
  });

  it("names the event, its organizer and date to anyone holding the code, with no cover until a photo is ready", async () => {
    const preview = await h.call("GET", `/api/invites/${event.inviteCode}`);
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body, {
      eventName: "alice's party",
      startsAt: null,
      organizerName: "Alice",
      coverUrl: null,
    });
    assert.equal(preview.headers.get("cache-control"), "no-store");
  });

  it("shows the newest ready photo's thumbnail variant as the cover, and nothing else of the event", async () => {
    await seedReadyPhoto(h, "p-old", event.id, "bob");
    await seedReadyPhoto(h, "p-new", event.id, "bob", at(60));
    await h.photoRepository.create(makePhoto({ id: "p-pending", eventId: event.id, ownerId: "bob" }));
    const { body } = await h.call("GET", `/api/invites/${event.inviteCode}`);
    assert.match(body.coverUrl, /\/variants\/p-new\/thumb\.webp\?/);
    assert.deepEqual(Object.keys(body).sort(), ["coverUrl", "eventName", "organizerName", "startsAt"]);
    const text = JSON.stringify(body);
    for (const leak of ["uploads/", "bob", "Bob", "latitude", event.id])
      assert.equal(text.includes(leak), false, leak);
  });

  it("never shows a photo held for review as the cover, chosen or newest", async () => {
    await seedReadyPhoto(h, "p-approved", event.id, "bob");
    await seedReadyPhoto(h, "p-held", event.id, "bob", at(60), true);
    const chosen = await h.call("PATCH", `/api/events/${event.id}`, {
      as: "alice",
      json: { coverPhotoId: "p-held" },
    });
    assert.equal(chosen.status, 400, JSON.stringify(chosen.body));
    await h.eventRepository.updateSettings({
      ...(await h.eventRepository.get(event.id))!,
      coverPhotoId: "p-held",
    });
    const { body } = await h.call("GET", `/api/invites/${event.inviteCode}`);
    assert.match(body.coverUrl, /\/variants\/p-approved\/thumb\.webp\?/);
    const list = await h.call("GET", "/api/events", { as: "bob" });
    const listed = list.body.items.find((item: { id: string }) => item.id === event.id);
    assert.match(listed.coverThumbUrl, /\/variants\/p-approved\/thumb\.webp\?/);
  });

  it("answers 404 for an unknown or malformed code, and 404 for the old code after rotation", async () => {
    assert.equal((await h.call("GET", "/api/invites/NOPE1234")).status, 404);
    assert.equal((await h.call("GET", "/api/invites/bad%20code!")).status, 404);
    await h.call("POST", `/api/events/${event.id}/invite-code`, { as: "alice" });
    assert.equal((await h.call("GET", `/api/invites/${event.inviteCode}`)).status, 404);
  });

  it("limits previews per client address (429 with Retry-After), other addresses unaffected", async () => {
    const limited = createAppHarness({
      rateLimits: {
        invitePreviews: new FixedWindowRateLimiter({ limit: 2, windowSeconds: 60, clock: h.clock }),
      },
    });
    const code = (await limited.eventWith("alice")).inviteCode;
    const from = (address: string) =>
      limited.call("GET", `/api/invites/${code}`, { headers: { "x-test-client": address } });
    assert.equal((await from("10.0.0.1")).status, 200);
    assert.equal((await from("10.0.0.1")).status, 200);
    const refused = await from("10.0.0.1");
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, "RATE_LIMITED");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal((await from("10.0.0.2")).status, 200);
  });
});

describe("HTTP app: guest link modes", () => {
  let h: ReturnType<typeof createAppHarness>;
  let eventId: string;

  beforeEach(async () => {
    h = createAppHarness();
    eventId = (await h.eventWith("alice", ["bob"])).id;
    await seedReadyPhoto(h, "p-bob", eventId, "bob");
  });

  const createLink = async (body: Record<string, unknown>) => {
    const created = await h.call("POST", `/api/events/${eventId}/guest-links`, { as: "alice", json: body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; token: string; mode: string; revealAt: string | null };
  };
  const galleryOf = (token: string) => h.call("GET", `/api/guest/${token}/photos`);

  it("makes upload_and_view links by default: the guest sees the event's ready photos, stripped of who and where", async () => {
    const link = await createLink({});
    assert.deepEqual([link.mode, link.revealAt], ["upload_and_view", null]);
    assert.equal((await h.call("GET", `/api/guest/${link.token}`)).body.galleryOpen, true);
    const gallery = await galleryOf(link.token);
    assert.equal(gallery.status, 200, JSON.stringify(gallery.body));
    assert.deepEqual(
      gallery.body.items.map((p: any) => p.id),
      ["p-bob"],
    );
    assert.deepEqual(Object.keys(gallery.body.items[0]).sort(), [
      "blurhash",
      "height",
      "id",
      "urls",
      "width",
    ]);
    assert.match(gallery.body.items[0].urls.thumb, /variants\/p-bob\/thumb\.webp/);
  });

  it("leaves photos held for review out of a guest's view of the gallery", async () => {
    await seedReadyPhoto(h, "p-held", eventId, "bob", at(60), true);
    const link = await createLink({});
    const gallery = await galleryOf(link.token);
    assert.deepEqual(
      gallery.body.items.map((p: { id: string }) => p.id),
      ["p-bob"],
    );
  });

  it("keeps the gallery closed to upload_only guests (403), who still see their own ready uploads", async () => {
    const link = await createLink({ mode: "upload_only" });
    const info = await h.call("GET", `/api/guest/${link.token}`);
    assert.deepEqual([info.body.mode, info.body.galleryOpen], ["upload_only", false]);
    const refused = await galleryOf(link.token);
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /adding photos only/);
    await seedReadyPhoto(h, "p-guest", eventId, guestOwnerId(link.id));
    const mine = await h.call("GET", `/api/guest/${link.token}/photos?mine=p-guest,p-bob,nope`);
    assert.equal(mine.status, 200);
    assert.deepEqual(
      mine.body.items.map((p: any) => p.id),
      ["p-guest"],
      "another uploader's photo is not the guest's, even by id",
    );
  });

  it("opens a view_after_reveal link's gallery exactly at revealAt", async () => {
    const revealAt = new Date(h.clock.now().getTime() + 3600_000);
    const link = await createLink({ mode: "view_after_reveal", revealAt: revealAt.toISOString() });
    assert.equal(link.revealAt, revealAt.toISOString());
    const before = await galleryOf(link.token);
    assert.equal(before.status, 403);
    assert.match(before.body.error.message, new RegExp(revealAt.toISOString()));
    assert.equal((await h.call("GET", `/api/guest/${link.token}`)).body.galleryOpen, false);
    h.clock.advance(3600_000);
    assert.equal((await galleryOf(link.token)).status, 200);
    assert.equal((await h.call("GET", `/api/guest/${link.token}`)).body.galleryOpen, true);
    const listed = await h.call("GET", `/api/events/${eventId}/guest-links`, { as: "alice" });
    assert.deepEqual(
      listed.body.items.map((l: any) => [l.mode, l.revealAt]),
      [["view_after_reveal", revealAt.toISOString()]],
    );
  });

  it("refuses view_after_reveal without revealAt, revealAt with another mode, and unknown modes (400)", async () => {
    const post = (json: Record<string, unknown>) =>
      h.call("POST", `/api/events/${eventId}/guest-links`, { as: "alice", json });
    assert.equal((await post({ mode: "view_after_reveal" })).status, 400);
    assert.equal((await post({ mode: "upload_only", revealAt: "2030-01-01T00:00:00Z" })).status, 400);
    assert.equal((await post({ mode: "everything" })).status, 400);
  });

  it("asks for a protected link's password before showing anything", async () => {
    const link = await createLink({ password: "open sesame" });
    assert.equal((await galleryOf(link.token)).status, 401);
    const opened = await h.call("GET", `/api/guest/${link.token}/photos`, {
      headers: { "x-link-password": "open sesame" },
    });
    assert.equal(opened.status, 200);
  });

  it("answers 410 once the link is revoked", async () => {
    const link = await createLink({});
    await h.call("DELETE", `/api/guest-links/${link.id}`, { as: "alice" });
    assert.equal((await galleryOf(link.token)).status, 410);
  });
});
