import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";
import { ManualClock } from "../../test/support/fakes/manual-clock.js";
import { FixedWindowRateLimiter } from "../adapters/in-process/fixed-window-rate-limiter.js";

const jpeg = { filename: "party.jpg", contentType: "image/jpeg", size: 2000 };

describe("HTTP app: guest upload links", () => {
  let h: ReturnType<typeof createAppHarness>;
  let eventId: string;

  beforeEach(async () => {
    h = createAppHarness();
    eventId = (await h.eventWith("alice", ["bob"])).id;
  });

  const createLink = (body: Record<string, unknown> = {}, as = "alice") =>
    h.call("POST", `/api/events/${eventId}/guest-links`, { as, json: body });

  it("lets the organizer create (with a /g/ URL), list and revoke links; attendees get 403", async () => {
    const created = await createLink({ maxUploads: 2 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.url, `${PUBLIC_URL}/g/${created.body.token}`);
    assert.equal((await createLink({}, "bob")).status, 403);
    assert.equal((await h.call("GET", `/api/events/${eventId}/guest-links`, { as: "bob" })).status, 403);
    const listed = await h.call("GET", `/api/events/${eventId}/guest-links`, { as: "alice" });
    assert.deepEqual(
      listed.body.items.map((l: any) => [l.id, l.status, l.maxUploads]),
      [[created.body.id, "active", 2]],
    );
    assert.equal((await h.call("DELETE", `/api/guest-links/${created.body.id}`, { as: "bob" })).status, 404);
    assert.equal(
      (await h.call("DELETE", `/api/guest-links/${created.body.id}`, { as: "alice" })).status,
      204,
    );
  });

  it("gives a guest without an account a ticket; the photo lands in the event as a guest's", async () => {
    const { token, id } = (await createLink()).body;
    const info = await h.call("GET", `/api/guest/${token}`);
    assert.deepEqual(
      { ...info.body, expiresAt: undefined },
      {
        eventName: "alice's party",
        passwordRequired: false,
        uploadsLeft: null,
        bytesLeft: null,
        expiresAt: undefined,
        mode: "upload_and_view",
        revealAt: null,
        galleryOpen: true,
        uploadWindow: { open: true, opensAt: null, closesAt: null, closedByHand: false, message: null },
      },
    );
    const ticket = await h.call("POST", `/api/guest/${token}/initiate-upload`, {
      json: { ...jpeg, guestName: "Tom" },
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal(ticket.body.method, "POST");
    assert.match(ticket.body.fields.key, new RegExp(`^uploads/event_${eventId}/`));
    const photo = await h.call("GET", `/api/photos/${ticket.body.photoId}`, { as: "alice" });
    assert.equal(photo.status, 404, "pending photos are their owner's alone, and nobody signs in as a guest");
    const stored = await h.photoRepository.get(ticket.body.photoId);
    assert.equal(stored?.ownerId, `guest_${id}`);
    assert.equal(stored?.guestName, "Tom");
  });

  it("refuses the ticket past the link's cap (403) and any after revocation (410)", async () => {
    const { token, id } = (await createLink({ maxUploads: 1 })).body;
    assert.equal((await h.call("POST", `/api/guest/${token}/initiate-upload`, { json: jpeg })).status, 201);
    const capped = await h.call("POST", `/api/guest/${token}/initiate-upload`, { json: jpeg });
    assert.equal(capped.status, 403);
    assert.match(capped.body.error.message, /limit/);
    await h.call("DELETE", `/api/guest-links/${id}`, { as: "alice" });
    assert.equal((await h.call("POST", `/api/guest/${token}/initiate-upload`, { json: jpeg })).status, 410);
    assert.equal((await h.call("GET", `/api/guest/${token}`)).status, 410);
  });

  it("answers 404 for an unknown upload link", async () => {
    assert.equal((await h.call("GET", "/api/guest/unknown-token")).status, 404);
  });

  it("limits guest tickets per client address when a ticket limiter is configured", async () => {
    const clock = new ManualClock();
    const limited = createAppHarness({
      rateLimits: { tickets: new FixedWindowRateLimiter({ limit: 1, windowSeconds: 60, clock }) },
    });
    const event = await limited.eventWith("alice");
    const { token } = (
      await limited.call("POST", `/api/events/${event.id}/guest-links`, { as: "alice", json: {} })
    ).body;
    const ask = () => limited.call("POST", `/api/guest/${token}/initiate-upload`, { json: jpeg });
    assert.equal((await ask()).status, 201);
    const refused = await ask();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "60");
  });
});
