import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";

describe("HTTP app: events, invitations and attendees", () => {
  it("creates an event (201) and shows its invite code and link to the organizer", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/events", {
      as: "alice",
      json: { name: "  Summer party ", description: "Bring photos", startsAt: "2026-07-01" },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, {
      id: res.body.id,
      name: "Summer party",
      description: "Bring photos",
      startsAt: "2026-07-01",
      organizerId: "user-alice",
      role: "organizer",
      approvalMode: "off",
      createdAt: "2026-06-01T12:00:00.000Z",
      inviteCode: res.body.inviteCode,
      inviteUrl: `${PUBLIC_URL}/join/${res.body.inviteCode}`,
    });
    assert.equal(typeof res.body.id, "string");
  });

  it("refuses an event with a blank name or an impossible date (400)", async () => {
    const { call } = createAppHarness();
    const blank = await call("POST", "/api/events", { as: "alice", json: { name: "   " } });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error.code, "VALIDATION_FAILED");
    const date = await call("POST", "/api/events", {
      as: "alice",
      json: { name: "x", startsAt: "2026-02-30" },
    });
    assert.equal(date.status, 400);
    assert.match(date.body.error.message, /startsAt/);
  });

  it("lists the caller's events with their role, paged with a cursor", async () => {
    const { call, eventWith } = createAppHarness();
    await eventWith("alice", ["bob"]);
    await eventWith("carol", ["bob"]);
    const first = await call("GET", "/api/events?limit=1", { as: "bob" });
    assert.equal(first.status, 200);
    assert.equal(first.body.items.length, 1);
    assert.equal(first.body.items[0].role, "attendee");
    assert.equal(first.body.items[0].inviteCode, undefined, "attendees do not see the invite code");
    assert.equal(typeof first.body.nextCursor, "string");
    const seen = [first.body.items[0].id];
    let cursor: string | null = first.body.nextCursor;
    while (cursor !== null) {
      const next = await call("GET", `/api/events?limit=1&cursor=${cursor}`, { as: "bob" });
      assert.equal(next.status, 200);
      seen.push(...next.body.items.map((e: { id: string }) => e.id));
      cursor = next.body.nextCursor;
    }
    assert.equal(new Set(seen).size, 2);
  });

  it("refuses a bad page size or cursor with 400", async () => {
    const { call } = createAppHarness();
    assert.equal((await call("GET", "/api/events?limit=0", { as: "bob" })).status, 400);
    assert.equal((await call("GET", "/api/events?limit=500", { as: "bob" })).status, 400);
    const cursor = await call("GET", "/api/events?cursor=!!!", { as: "bob" });
    assert.equal(cursor.status, 400);
    assert.match(cursor.body.error.message, /cursor/);
  });

  it("shows an event to an attendee, 403 to a non-attendee, 404 when unknown", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const seen = await call("GET", `/api/events/${event.id}`, { as: "bob" });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.role, "attendee");
    const stranger = await call("GET", `/api/events/${event.id}`, { as: "mallory" });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.body.error.code, "NOT_ATTENDEE");
    const unknown = await call("GET", "/api/events/no-such-event", { as: "alice" });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "NOT_FOUND");
  });

  it("joins with an invite code idempotently, and 404s an unknown code", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice");
    const join = () =>
      call("POST", "/api/events/join", { as: "bob", json: { inviteCode: event.inviteCode } });
    const first = await join();
    assert.equal(first.status, 200);
    assert.equal(first.body.id, event.id);
    assert.equal(first.body.role, "attendee");
    assert.equal((await join()).status, 200);
    const unknown = await call("POST", "/api/events/join", { as: "bob", json: { inviteCode: "NOPE" } });
    assert.equal(unknown.status, 404);
    const missing = await call("POST", "/api/events/join", { as: "bob", json: {} });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /inviteCode/);
  });

  it("rotates the invite code for the organizer only; the old code stops working", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const rotated = await call("POST", `/api/events/${event.id}/invite-code`, { as: "alice" });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.inviteCode, event.inviteCode);
    assert.equal(rotated.body.inviteUrl, `${PUBLIC_URL}/join/${rotated.body.inviteCode}`);
    const byAttendee = await call("POST", `/api/events/${event.id}/invite-code`, { as: "bob" });
    assert.equal(byAttendee.status, 403);
    const old = await call("POST", "/api/events/join", {
      as: "carol",
      json: { inviteCode: event.inviteCode },
    });
    assert.equal(old.status, 404);
  });

  it("invites by email (201); the invitee sees the invitation and joins by it", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice");
    const invited = await call("POST", `/api/events/${event.id}/invitations`, {
      as: "alice",
      json: { emails: ["Bob@Example.com"] },
    });
    assert.equal(invited.status, 201);
    assert.deepEqual(invited.body.items, [
      {
        eventId: event.id,
        email: "bob@example.com",
        invitedBy: "user-alice",
        createdAt: "2026-06-01T12:00:00.000Z",
      },
    ]);

    const mine = await call("GET", "/api/invitations", { as: "bob" });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items.length, 1);
    assert.equal(mine.body.items[0].event.id, event.id);
    assert.equal(mine.body.items[0].event.inviteCode, undefined);

    const joined = await call("POST", `/api/events/${event.id}/join`, { as: "bob" });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.role, "attendee");
    const uninvited = await call("POST", `/api/events/${event.id}/join`, { as: "carol" });
    assert.equal(uninvited.status, 404);
  });

  it("refuses invitations from a non-organizer (403) and bad emails (400)", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const byAttendee = await call("POST", `/api/events/${event.id}/invitations`, {
      as: "bob",
      json: { emails: ["x@example.com"] },
    });
    assert.equal(byAttendee.status, 403);
    const bad = await call("POST", `/api/events/${event.id}/invitations`, {
      as: "alice",
      json: { emails: ["nope"] },
    });
    assert.equal(bad.status, 400);
    const none = await call("POST", `/api/events/${event.id}/invitations`, {
      as: "alice",
      json: { emails: [] },
    });
    assert.equal(none.status, 400);
    assert.match(none.body.error.message, /emails/);
  });

  it("lists attendees, with emails for the organizer only", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob"]);
    const asOrganizer = await call("GET", `/api/events/${event.id}/attendees`, { as: "alice" });
    assert.equal(asOrganizer.status, 200);
    assert.deepEqual(
      asOrganizer.body.items.map((a: { userId: string; role: string; email: string }) => [
        a.userId,
        a.role,
        a.email,
      ]),
      [
        ["user-alice", "organizer", "alice@example.com"],
        ["user-bob", "attendee", "bob@example.com"],
      ],
    );
    const asAttendee = await call("GET", `/api/events/${event.id}/attendees`, { as: "bob" });
    assert.ok(asAttendee.body.items.every((a: { email: unknown }) => a.email === null));
    assert.equal((await call("GET", `/api/events/${event.id}/attendees`, { as: "mallory" })).status, 403);
  });

  it("removes an attendee (204) for the organizer, lets an attendee leave, refuses others", async () => {
    const { call, eventWith } = createAppHarness();
    const event = await eventWith("alice", ["bob", "carol"]);
    const byOther = await call("DELETE", `/api/events/${event.id}/attendees/user-carol`, { as: "bob" });
    assert.equal(byOther.status, 403);
    const removed = await call("DELETE", `/api/events/${event.id}/attendees/user-carol`, { as: "alice" });
    assert.equal(removed.status, 204);
    const left = await call("DELETE", `/api/events/${event.id}/attendees/user-bob`, { as: "bob" });
    assert.equal(left.status, 204);
    assert.equal((await call("GET", `/api/events/${event.id}`, { as: "bob" })).status, 403);
    const organizer = await call("DELETE", `/api/events/${event.id}/attendees/user-alice`, { as: "alice" });
    assert.ok(
      organizer.status === 403 || organizer.status === 409,
      `organizer cannot be removed (${organizer.status})`,
    );
  });

  it("tells the caller who they are (GET /me)", async () => {
    const { call } = createAppHarness();
    const res = await call("GET", "/api/me", { as: "alice" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { userId: "user-alice", email: "alice@example.com", name: "Alice" });
  });
});
