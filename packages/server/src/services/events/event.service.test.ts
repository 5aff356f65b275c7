import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { InMemoryEventRepository } from "../../../test/support/fakes/in-memory-event.repository.js";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { SequentialIds } from "../../../test/support/fakes/sequential-ids.js";
import { principal } from "../../../test/support/principals.js";
import {
  ConflictError,
  EmailNotVerifiedError,
  ForbiddenError,
  NotAttendeeError,
  NotFoundError,
  ValidationError,
} from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import { EventService } from "./event.service.js";

const alice = principal("alice");
const bob = principal("bob", { email: "Bob@Example.com" });
const carol = principal("carol");
const page = { limit: 50 };

describe(EventService.name, () => {
  let events: InMemoryEventRepository;
  let clock: ManualClock;
  let ids: SequentialIds;
  let sut: EventService;

  beforeEach(() => {
    events = new InMemoryEventRepository();
    clock = new ManualClock();
    ids = new SequentialIds("evt");
    sut = new EventService({ events, clock, ids });
  });

  /** Alice's event, which Bob has joined with its code. */
  async function aliceEventWithBob(): Promise<Event> {
    const event = await sut.create(alice, { name: "Wedding" });
    clock.advance(1000);
    await sut.joinWithCode(bob, event.inviteCode);
    return event;
  }

  describe("create", () => {
    it("makes the creator the organizer and first attendee", async () => {
      const event = await sut.create(alice, {
        name: "  Wedding ",
        description: "Bring cake",
        startsAt: "2026-07-01",
      });
      assert.deepEqual(event, {
        id: "evt-0001",
        name: "Wedding",
        description: "Bring cake",
        startsAt: "2026-07-01",
        organizerId: alice.userId,
        inviteCode: "CODE0001",
        createdAt: clock.now(),
      });
      assert.deepEqual(await events.getAttendance(event.id, alice.userId), {
        eventId: event.id,
        userId: alice.userId,
        role: "organizer",
        name: "Alice",
        email: "alice@example.com",
        joinedAt: clock.now(),
      });
      assert.deepEqual(await events.get(event.id), event);
    });

    it("refuses a blank or overlong name, an overlong description and a malformed start", async () => {
      const bad = [
        { name: "   " },
        { name: "x".repeat(121) },
        { name: "ok", description: "x".repeat(2001) },
        { name: "ok", startsAt: "tomorrow" },
        { name: "ok", startsAt: "2026-02-30" },
        { name: "ok", startsAt: "2026-07-01T18:00" },
        { name: "tab\tname" },
      ];
      for (const input of bad)
        await assert.rejects(sut.create(alice, input), ValidationError, JSON.stringify(input));
    });

    it("accepts a start given as a date-time with an offset", async () => {
      const event = await sut.create(alice, { name: "Party", startsAt: "2026-07-01T18:00:00+02:00" });
      assert.equal(event.startsAt, "2026-07-01T18:00:00+02:00");
    });

    it("draws a fresh invite code when the generated one is already taken", async () => {
      await sut.create(alice, { name: "First" });
      const repeating = { newId: () => ids.newId(), newInviteCode: oneRepeatThen(ids) };
      const service = new EventService({ events, clock, ids: repeating });
      const second = await service.create(alice, { name: "Second" });
      assert.notEqual(second.inviteCode, "CODE0001");
      assert.deepEqual(await events.findByInviteCode(second.inviteCode), second);
    });

    it("gives up with ConflictError when every drawn code is taken", async () => {
      await sut.create(alice, { name: "First" });
      const stuck = new EventService({
        events,
        clock,
        ids: { newId: () => ids.newId(), newInviteCode: () => "CODE0001" },
      });
      await assert.rejects(stuck.create(alice, { name: "Second" }), ConflictError);
    });
  });

  describe("listMine", () => {
    it("lists the caller's events with their role, newest joined first", async () => {
      const own = await sut.create(bob, { name: "Bob's" });
      clock.advance(1000);
      const joined = await aliceEventWithBob();
      const result = await sut.listMine(bob, page);
      assert.deepEqual(
        result.items.map(({ event, role }) => [event.id, role]),
        [
          [joined.id, "attendee"],
          [own.id, "organizer"],
        ],
      );
    });

    it("pages with a cursor", async () => {
      for (const name of ["a", "b", "c"]) {
        await sut.create(alice, { name });
        clock.advance(1000);
      }
      const first = await sut.listMine(alice, { limit: 2 });
      const second = await sut.listMine(alice, { limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(
        [...first.items, ...second.items].map((item) => item.event.name),
        ["c", "b", "a"],
      );
      assert.equal(second.nextCursor, undefined);
    });

    it("refuses a limit above 100", async () => {
      await assert.rejects(sut.listMine(alice, { limit: 101 }), ValidationError);
    });
  });

  describe("get", () => {
    it("returns the event with the caller's role", async () => {
      const event = await aliceEventWithBob();
      assert.deepEqual(await sut.get(bob, event.id), { event, role: "attendee" });
      assert.deepEqual(await sut.get(alice, event.id), { event, role: "organizer" });
    });

    it("answers NotFoundError for an unknown or malformed id", async () => {
      await assert.rejects(sut.get(alice, "evt-9999"), NotFoundError);
      await assert.rejects(sut.get(alice, "../etc/passwd"), NotFoundError);
    });

    it("answers NotAttendeeError to someone who does not attend", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.get(carol, event.id), NotAttendeeError);
    });
  });

  describe("invite", () => {
    it("lets the organizer invite addresses, normalised and de-duplicated", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      const invitations = await sut.invite(alice, event.id, [
        " Guest@Example.com",
        "guest@example.com",
        "x@y.org",
      ]);
      assert.deepEqual(invitations, [
        { eventId: event.id, email: "guest@example.com", invitedBy: alice.userId, createdAt: clock.now() },
        { eventId: event.id, email: "x@y.org", invitedBy: alice.userId, createdAt: clock.now() },
      ]);
      assert.deepEqual(await events.getInvitation(event.id, "guest@example.com"), invitations[0]);
    });

    it("refuses attendees who are not the organizer with ForbiddenError", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.invite(bob, event.id, ["x@y.org"]), ForbiddenError);
      assert.equal(await events.getInvitation(event.id, "x@y.org"), undefined);
    });

    it("answers NotFoundError to someone who does not attend", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      await assert.rejects(sut.invite(carol, event.id, ["x@y.org"]), NotFoundError);
    });

    it("refuses malformed addresses, an empty list and too many at once", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      await assert.rejects(sut.invite(alice, event.id, ["not-an-email"]), ValidationError);
      await assert.rejects(sut.invite(alice, event.id, []), ValidationError);
      const many = Array.from({ length: 51 }, (_, i) => `guest${i}@example.com`);
      await assert.rejects(sut.invite(alice, event.id, many), ValidationError);
      assert.deepEqual(await events.listInvitationsForEmail("guest0@example.com"), []);
    });
  });

  describe("rotateInviteCode", () => {
    it("replaces the code so the old one no longer admits anyone", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      const rotated = await sut.rotateInviteCode(alice, event.id);
      assert.notEqual(rotated.inviteCode, event.inviteCode);
      await assert.rejects(sut.joinWithCode(bob, event.inviteCode), NotFoundError);
      assert.equal((await sut.joinWithCode(bob, rotated.inviteCode)).event.id, event.id);
    });

    it("is for the organizer only", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.rotateInviteCode(bob, event.id), ForbiddenError);
      await assert.rejects(sut.rotateInviteCode(carol, event.id), NotFoundError);
    });
  });

  describe("joinWithCode", () => {
    it("makes the caller an attendee, recording their name and email", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      clock.advance(5000);
      assert.deepEqual(await sut.joinWithCode(bob, ` ${event.inviteCode} `), { event, role: "attendee" });
      assert.deepEqual(await events.getAttendance(event.id, bob.userId), {
        eventId: event.id,
        userId: bob.userId,
        role: "attendee",
        name: "Bob",
        email: "bob@example.com",
        joinedAt: clock.now(),
      });
    });

    it("is idempotent: joining again keeps the first joinedAt", async () => {
      const event = await aliceEventWithBob();
      const joinedAt = (await events.getAttendance(event.id, bob.userId))?.joinedAt;
      clock.advance(60_000);
      await sut.joinWithCode(bob, event.inviteCode);
      assert.deepEqual((await events.getAttendance(event.id, bob.userId))?.joinedAt, joinedAt);
    });

    it("leaves the organizer an organizer when they use their own code", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      assert.equal((await sut.joinWithCode(alice, event.inviteCode)).role, "organizer");
    });

    it("answers NotFoundError for an unknown or malformed code", async () => {
      await sut.create(alice, { name: "Wedding" });
      await assert.rejects(sut.joinWithCode(bob, "NOPE0000"), NotFoundError);
      await assert.rejects(sut.joinWithCode(bob, "x".repeat(500)), NotFoundError);
    });
  });

  describe("joinByInvitation", () => {
    it("admits a caller whose email was invited, whatever its case", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      await sut.invite(alice, event.id, ["bob@example.com"]);
      assert.deepEqual(await sut.joinByInvitation(bob, event.id), { event, role: "attendee" });
      assert.equal((await events.getAttendance(event.id, bob.userId))?.role, "attendee");
    });

    it("answers NotFoundError without an invitation, without an email or for a malformed id", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      await sut.invite(alice, event.id, ["bob@example.com"]);
      await assert.rejects(sut.joinByInvitation(carol, event.id), NotFoundError);
      await assert.rejects(
        sut.joinByInvitation(principal("bob", { email: undefined }), event.id),
        NotFoundError,
      );
      await assert.rejects(sut.joinByInvitation(bob, "bad id!"), NotFoundError);
      assert.equal(await events.getAttendance(event.id, carol.userId), undefined);
    });

    it("refuses an invited email the identity provider has not verified, and says so the same way for any event", async () => {
      const event = await sut.create(alice, { name: "Wedding" });
      await sut.invite(alice, event.id, ["bob@example.com"]);
      const unverifiedBob = principal("bob", { emailVerified: false });
      await assert.rejects(sut.joinByInvitation(unverifiedBob, event.id), EmailNotVerifiedError);
      const other = await sut.create(alice, { name: "Not invited" });
      await assert.rejects(sut.joinByInvitation(unverifiedBob, other.id), EmailNotVerifiedError);
      const { emailVerified: _absent, ...unknownBob } = bob;
      await assert.rejects(sut.joinByInvitation(unknownBob, event.id), EmailNotVerifiedError);
      assert.equal(await events.getAttendance(event.id, bob.userId), undefined);
      // An invite code needs no verified email.
      assert.equal((await sut.joinWithCode(unverifiedBob, event.inviteCode)).role, "attendee");
    });
  });

  describe("listInvitationsForMe", () => {
    it("lists the events the caller's email is invited to and has not joined yet", async () => {
      const wedding = await sut.create(alice, { name: "Wedding" });
      const party = await sut.create(alice, { name: "Party" });
      await sut.invite(alice, wedding.id, ["bob@example.com"]);
      clock.advance(1000);
      await sut.invite(alice, party.id, ["bob@example.com"]);
      assert.deepEqual(
        (await sut.listInvitationsForMe(bob)).map(({ event }) => event.name),
        ["Party", "Wedding"],
      );
      await sut.joinByInvitation(bob, party.id);
      const remaining = await sut.listInvitationsForMe(bob);
      assert.deepEqual(remaining, [
        { event: wedding, invitation: (await events.getInvitation(wedding.id, "bob@example.com"))! },
      ]);
    });

    it("lists nothing until the caller's email is verified", async () => {
      const wedding = await sut.create(alice, { name: "Wedding" });
      await sut.invite(alice, wedding.id, ["bob@example.com"]);
      assert.deepEqual(await sut.listInvitationsForMe(principal("bob", { emailVerified: false })), []);
      assert.equal((await sut.listInvitationsForMe(bob)).length, 1);
    });

    it("returns nothing to a caller without an email", async () => {
      assert.deepEqual(await sut.listInvitationsForMe(principal("anon", { email: undefined })), []);
    });
  });

  describe("listAttendees", () => {
    it("shows the organizer everyone's email", async () => {
      const event = await aliceEventWithBob();
      const result = await sut.listAttendees(alice, event.id, page);
      assert.deepEqual(
        result.items.map((a) => [a.userId, a.role, a.email]),
        [
          [alice.userId, "organizer", "alice@example.com"],
          [bob.userId, "attendee", "bob@example.com"],
        ],
      );
    });

    it("hides emails from other attendees but keeps names", async () => {
      const event = await aliceEventWithBob();
      const result = await sut.listAttendees(bob, event.id, page);
      assert.deepEqual(
        result.items.map((a) => [a.name, "email" in a]),
        [
          ["Alice", false],
          ["Bob", false],
        ],
      );
    });

    it("answers NotAttendeeError to someone who does not attend", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.listAttendees(carol, event.id, page), NotAttendeeError);
    });
  });

  describe("removeAttendee", () => {
    it("lets the organizer remove an attendee", async () => {
      const event = await aliceEventWithBob();
      await sut.removeAttendee(alice, event.id, bob.userId);
      assert.equal(await events.getAttendance(event.id, bob.userId), undefined);
      await assert.rejects(sut.get(bob, event.id), NotAttendeeError);
    });

    it("lets an attendee leave", async () => {
      const event = await aliceEventWithBob();
      await sut.removeAttendee(bob, event.id, bob.userId);
      assert.equal(await events.getAttendance(event.id, bob.userId), undefined);
    });

    it("refuses an attendee removing someone else, and anyone removing the organizer", async () => {
      const event = await aliceEventWithBob();
      await sut.joinWithCode(carol, event.inviteCode);
      await assert.rejects(sut.removeAttendee(bob, event.id, carol.userId), ForbiddenError);
      await assert.rejects(sut.removeAttendee(bob, event.id, alice.userId), ForbiddenError);
      await assert.rejects(sut.removeAttendee(alice, event.id, alice.userId), ForbiddenError);
      assert.ok(await events.getAttendance(event.id, carol.userId));
      assert.ok(await events.getAttendance(event.id, alice.userId));
    });

    it("answers NotFoundError when the organizer removes someone who does not attend", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.removeAttendee(alice, event.id, carol.userId), NotFoundError);
    });

    it("answers NotAttendeeError to someone who does not attend", async () => {
      const event = await aliceEventWithBob();
      await assert.rejects(sut.removeAttendee(carol, event.id, bob.userId), NotAttendeeError);
    });
  });
});

/** An invite-code generator that repeats the first code once, then continues normally. */
function oneRepeatThen(ids: SequentialIds): () => string {
  let repeated = false;
  return () => {
    if (repeated) return ids.newInviteCode();
    repeated = true;
    return "CODE0001";
  };
}
