import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ConflictError, NotFoundError, ValidationError } from "../../../src/domain/errors.js";
import type { Event } from "../../../src/domain/event.js";
import type { EventRepository } from "../../../src/ports/event-repository.js";
import { at, makeAttendance, makeEvent, makeInvitation, organizerOf } from "../fixtures.js";
import { collectPages, malformedCursors } from "./paging.js";

export interface EventRepositoryHandle {
  repo: EventRepository;
  close(): Promise<void>;
}

/**
 * The behaviour every `EventRepository` adapter must have. Registers node:test cases; call it from a
 * `*.test.ts` file with a factory that opens a fresh, empty repository per case.
 */
export function eventRepositoryContract(name: string, make: () => Promise<EventRepositoryHandle>): void {
  describe(`${name} (EventRepository contract)`, () => {
    let handle: EventRepositoryHandle;
    let repo: EventRepository;
    beforeEach(async () => {
      handle = await make();
      repo = handle.repo;
    });
    afterEach(() => handle.close());

    const createEvent = async (id: string, overrides: Partial<Event> = {}) => {
      const event = makeEvent({ id, ...overrides });
      await repo.create(event, organizerOf(event));
      return event;
    };

    describe("approval mode", () => {
      it("starts without one (off) and keeps the mode set", async () => {
        await createEvent("e1");
        assert.equal((await repo.get("e1"))?.approvalMode, undefined);
        const changed = await repo.setApprovalMode("e1", "guests");
        assert.equal(changed.approvalMode, "guests");
        assert.deepEqual(await repo.get("e1"), changed);
        await repo.setApprovalMode("e1", "everyone");
        assert.equal((await repo.get("e1"))?.approvalMode, "everyone");
        assert.equal((await repo.findByInviteCode(changed.inviteCode))?.approvalMode, "everyone");
      });

      it("refuses an unknown event with NotFoundError", async () => {
        await assert.rejects(repo.setApprovalMode("nope", "guests"), NotFoundError);
      });
    });

    describe("create, get and invite codes", () => {
      it("stores the event with its organizer's attendance", async () => {
        const event = makeEvent({ id: "e1", description: "Bring cake", startsAt: "2026-07-01" });
        await repo.create(event, organizerOf(event));
        assert.deepEqual(await repo.get("e1"), event);
        assert.deepEqual(await repo.getAttendance("e1", "user-organizer"), organizerOf(event));
      });

      it("returns an event without the optional fields it never had", async () => {
        const event = await createEvent("e1");
        const stored = await repo.get("e1");
        assert.deepEqual(stored, event);
        assert.equal(stored !== undefined && ("description" in stored || "startsAt" in stored), false);
      });

      it("returns undefined for an unknown event or invite code", async () => {
        assert.equal(await repo.get("nope"), undefined);
        assert.equal(await repo.findByInviteCode("NOPE"), undefined);
      });

      it("refuses a duplicate id with ConflictError", async () => {
        await createEvent("e1");
        const again = makeEvent({ id: "e1", inviteCode: "OTHER" });
        await assert.rejects(repo.create(again, organizerOf(again)), ConflictError);
      });

      it("refuses a taken invite code with ConflictError and stores nothing of the refused event", async () => {
        await createEvent("e1", { inviteCode: "SAME" });
        const clash = makeEvent({ id: "e2", inviteCode: "SAME", organizerId: "user-2" });
        await assert.rejects(repo.create(clash, organizerOf(clash)), ConflictError);
        assert.equal(await repo.get("e2"), undefined);
        assert.equal(await repo.getAttendance("e2", "user-2"), undefined);
        assert.deepEqual((await repo.listEventsOfUser("user-2", { limit: 10 })).items, []);
      });

      it("finds an event by its invite code", async () => {
        const event = await createEvent("e1", { inviteCode: "JOINME" });
        assert.deepEqual(await repo.findByInviteCode("JOINME"), event);
      });

      it("replaces the invite code: the old one stops finding the event", async () => {
        const event = await createEvent("e1", { inviteCode: "OLD" });
        const updated = await repo.updateInviteCode("e1", "NEW");
        assert.deepEqual(updated, { ...event, inviteCode: "NEW" });
        assert.equal(await repo.findByInviteCode("OLD"), undefined);
        assert.deepEqual(await repo.findByInviteCode("NEW"), updated);
      });

      it("refuses to update the code of an unknown event (NotFoundError) or to take another's (ConflictError)", async () => {
        await createEvent("e1", { inviteCode: "ONE" });
        await createEvent("e2", { inviteCode: "TWO" });
        await assert.rejects(repo.updateInviteCode("nope", "THREE"), NotFoundError);
        await assert.rejects(repo.updateInviteCode("e2", "ONE"), ConflictError);
        assert.equal((await repo.get("e2"))?.inviteCode, "TWO");
      });
    });

    describe("attendance", () => {
      it("upserts idempotently: keeps the first joinedAt, refreshes name and email", async () => {
        await createEvent("e1");
        await repo.putAttendance(
          makeAttendance({ eventId: "e1", userId: "u1", name: "Old", joinedAt: at(1) }),
        );
        await repo.putAttendance(
          makeAttendance({
            eventId: "e1",
            userId: "u1",
            name: "New",
            email: "u1@example.com",
            joinedAt: at(9),
          }),
        );
        assert.deepEqual(await repo.getAttendance("e1", "u1"), {
          eventId: "e1",
          userId: "u1",
          role: "attendee",
          name: "New",
          email: "u1@example.com",
          joinedAt: at(1),
        });
      });

      it("never demotes the organizer when they join again as an attendee", async () => {
        await createEvent("e1");
        await repo.putAttendance(
          makeAttendance({ eventId: "e1", userId: "user-organizer", joinedAt: at(5) }),
        );
        const stored = await repo.getAttendance("e1", "user-organizer");
        assert.equal(stored?.role, "organizer");
        assert.deepEqual(stored?.joinedAt, at(0));
      });

      it("keeps a co-host a co-host when they join again as an attendee", async () => {
        await createEvent("e1");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(1) }));
        await repo.setAttendeeRole("e1", "u1", "cohost");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(5) }));
        assert.equal((await repo.getAttendance("e1", "u1"))?.role, "cohost");
      });

      it("makes an attendee a co-host and back, and lists them with their role", async () => {
        await createEvent("e1");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(1) }));
        const promoted = await repo.setAttendeeRole("e1", "u1", "cohost");
        assert.equal(promoted?.role, "cohost");
        assert.deepEqual(promoted?.joinedAt, at(1));
        assert.deepEqual(await repo.getAttendance("e1", "u1"), promoted);
        const listed = await repo.listAttendees("e1", { limit: 10 });
        assert.deepEqual(
          listed.items.map((a) => [a.userId, a.role]),
          [
            ["user-organizer", "organizer"],
            ["u1", "cohost"],
          ],
        );
        assert.equal((await repo.setAttendeeRole("e1", "u1", "attendee"))?.role, "attendee");
      });

      it("never changes the organizer's role, nor invents an attendee", async () => {
        await createEvent("e1");
        assert.equal(await repo.setAttendeeRole("e1", "user-organizer", "attendee"), undefined);
        assert.equal((await repo.getAttendance("e1", "user-organizer"))?.role, "organizer");
        assert.equal(await repo.setAttendeeRole("e1", "nobody", "cohost"), undefined);
        assert.equal(await repo.getAttendance("e1", "nobody"), undefined);
        assert.equal(await repo.setAttendeeRole("nope", "u1", "cohost"), undefined);
      });

      it("refuses attendance of an unknown event with NotFoundError", async () => {
        await assert.rejects(
          repo.putAttendance(makeAttendance({ eventId: "nope", userId: "u1" })),
          NotFoundError,
        );
      });

      it("lists attendees oldest joined first, paging through equal joinedAt by user id", async () => {
        await createEvent("e1");
        for (const userId of ["u3", "u1", "u2"]) {
          await repo.putAttendance(makeAttendance({ eventId: "e1", userId, joinedAt: at(10) }));
        }
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u0", joinedAt: at(20) }));
        await createEvent("e2");
        await repo.putAttendance(makeAttendance({ eventId: "e2", userId: "elsewhere", joinedAt: at(10) }));
        const pages = await collectPages(
          (page) => repo.listAttendees("e1", page),
          2,
          (a) => a.userId,
        );
        assert.deepEqual(pages, [["user-organizer", "u1"], ["u2", "u3"], ["u0"]]);
      });

      it("removes an attendance; removing a missing one succeeds", async () => {
        await createEvent("e1");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(1) }));
        await repo.deleteAttendance("e1", "u1");
        await repo.deleteAttendance("e1", "u1");
        assert.equal(await repo.getAttendance("e1", "u1"), undefined);
        const attendees = await repo.listAttendees("e1", { limit: 10 });
        assert.deepEqual(
          attendees.items.map((a) => a.userId),
          ["user-organizer"],
        );
      });
    });

    describe("events of a user", () => {
      it("lists the events a user attends, newest joined first, with their attendance", async () => {
        const first = await createEvent("e1");
        const second = await createEvent("e2");
        await createEvent("e3");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(1) }));
        await repo.putAttendance(makeAttendance({ eventId: "e2", userId: "u1", joinedAt: at(2) }));
        const page = await repo.listEventsOfUser("u1", { limit: 10 });
        assert.deepEqual(page, {
          items: [
            { event: second, attendance: makeAttendance({ eventId: "e2", userId: "u1", joinedAt: at(2) }) },
            { event: first, attendance: makeAttendance({ eventId: "e1", userId: "u1", joinedAt: at(1) }) },
          ],
        });
      });

      it("pages through events joined at the same time without skipping or repeating any", async () => {
        for (const id of ["e1", "e2", "e3", "e4", "e5"]) {
          await createEvent(id);
          await repo.putAttendance(
            makeAttendance({ eventId: id, userId: "u1", joinedAt: at(id === "e5" ? 9 : 7) }),
          );
        }
        const pages = await collectPages(
          (page) => repo.listEventsOfUser("u1", page),
          2,
          (e) => e.event.id,
        );
        assert.deepEqual(pages, [["e5", "e4"], ["e3", "e2"], ["e1"]]);
      });

      it("includes events the user organizes and drops those they left", async () => {
        await createEvent("mine", { organizerId: "u1" });
        await createEvent("left");
        await repo.putAttendance(makeAttendance({ eventId: "left", userId: "u1", joinedAt: at(3) }));
        await repo.deleteAttendance("left", "u1");
        const page = await repo.listEventsOfUser("u1", { limit: 10 });
        assert.deepEqual(
          page.items.map(({ event, attendance }) => [event.id, attendance.role]),
          [["mine", "organizer"]],
        );
      });
    });

    describe("invitations", () => {
      it("stores an invitation and reads it back by event and email", async () => {
        await createEvent("e1");
        const invitation = makeInvitation({ eventId: "e1", email: "guest@example.com" });
        await repo.putInvitation(invitation);
        assert.deepEqual(await repo.getInvitation("e1", "guest@example.com"), invitation);
        assert.equal(await repo.getInvitation("e1", "other@example.com"), undefined);
      });

      it("replaces an earlier invitation of the same email to the same event", async () => {
        await createEvent("e1");
        await repo.putInvitation(makeInvitation({ eventId: "e1", email: "g@example.com", createdAt: at(1) }));
        const again = makeInvitation({
          eventId: "e1",
          email: "g@example.com",
          invitedBy: "u2",
          createdAt: at(2),
        });
        await repo.putInvitation(again);
        assert.deepEqual(await repo.listInvitationsForEmail("g@example.com"), [again]);
      });

      it("lists an email's invitations across events, newest first, and no one else's", async () => {
        for (const id of ["e1", "e2", "e3"]) await createEvent(id);
        await repo.putInvitation(makeInvitation({ eventId: "e1", email: "g@example.com", createdAt: at(1) }));
        await repo.putInvitation(makeInvitation({ eventId: "e2", email: "g@example.com", createdAt: at(3) }));
        await repo.putInvitation(makeInvitation({ eventId: "e3", email: "h@example.com", createdAt: at(2) }));
        const found = await repo.listInvitationsForEmail("g@example.com");
        assert.deepEqual(
          found.map((i) => i.eventId),
          ["e2", "e1"],
        );
      });

      it("refuses an invitation to an unknown event with NotFoundError", async () => {
        await assert.rejects(
          repo.putInvitation(makeInvitation({ eventId: "nope", email: "g@example.com" })),
          NotFoundError,
        );
      });
    });

    describe("page requests", () => {
      for (const [label, cursor] of malformedCursors()) {
        it(`refuses a malformed cursor (${label}) with ValidationError`, async () => {
          await createEvent("e1");
          await assert.rejects(repo.listAttendees("e1", { limit: 5, cursor }), ValidationError);
          await assert.rejects(
            repo.listEventsOfUser("user-organizer", { limit: 5, cursor }),
            ValidationError,
          );
        });
      }

      it("refuses a limit outside 1..100 with ValidationError", async () => {
        await assert.rejects(repo.listAttendees("e1", { limit: 0 }), ValidationError);
        await assert.rejects(repo.listEventsOfUser("u1", { limit: 101 }), ValidationError);
      });
    });

    describe("managing: settings, deletion, counts", () => {
      it("stores and reads back the cover and upload window, and clears what the new settings leave out", async () => {
        const event = await createEvent("e1", { description: "old" });
        const settings: Event = {
          ...event,
          name: "Renamed",
          startsAt: "2026-09-01",
          coverPhotoId: "p1",
          uploadsOpenAt: at(10),
          uploadsCloseAt: at(20),
          uploadsClosed: true,
        };
        delete settings.description;
        assert.deepEqual(await repo.updateSettings(settings), settings);
        assert.deepEqual(await repo.get("e1"), settings);
        const reopened = { ...settings, uploadsClosed: false };
        assert.equal((await repo.updateSettings(reopened)).uploadsClosed, undefined);
      });

      it("refuses settings for an unknown or deleting event with NotFoundError", async () => {
        await assert.rejects(repo.updateSettings(makeEvent({ id: "nope" })), NotFoundError);
        const event = await createEvent("e1");
        await repo.markDeleting("e1", at(5));
        await assert.rejects(repo.updateSettings(event), NotFoundError);
      });

      it("hides a deleting event from get, invite codes and the user's list at once", async () => {
        const event = await createEvent("e1");
        await createEvent("e2", { inviteCode: "CODE2" });
        await repo.putAttendance(
          makeAttendance({ eventId: "e2", userId: "user-organizer", role: "attendee" }),
        );
        assert.equal(await repo.markDeleting("e1", at(5)), true);
        assert.equal(await repo.markDeleting("e1", at(9)), true, "a repeat is fine");
        assert.equal(await repo.get("e1"), undefined);
        assert.equal(await repo.findByInviteCode(event.inviteCode), undefined);
        const mine = await repo.listEventsOfUser("user-organizer", { limit: 10 });
        assert.deepEqual(
          mine.items.map((item) => item.event.id),
          ["e2"],
        );
        assert.equal(await repo.markDeleting("nope", at(5)), false);
      });

      it("deletes the event with its attendances, invitations and invite code; a repeat is not an error", async () => {
        const event = await createEvent("e1");
        await repo.putAttendance(makeAttendance({ eventId: "e1", userId: "u2" }));
        await repo.putInvitation(makeInvitation({ eventId: "e1", email: "ada@example.org" }));
        assert.equal(await repo.countAttendees("e1"), 2);
        await repo.markDeleting("e1", at(5));
        await repo.deleteWithRecords("e1");
        await repo.deleteWithRecords("e1");
        assert.equal(await repo.markDeleting("e1", at(6)), false, "no record left");
        assert.equal(await repo.getAttendance("e1", "u2"), undefined);
        assert.equal(await repo.getInvitation("e1", "ada@example.org"), undefined);
        assert.equal(await repo.countAttendees("e1"), 0);
        // The invite code is free again.
        const next = makeEvent({ id: "e3", inviteCode: event.inviteCode });
        await repo.create(next, organizerOf(next));
      });
    });
  });
}
