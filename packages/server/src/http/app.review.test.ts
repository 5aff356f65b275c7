import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { processedFields } from "../../test/support/fixtures.js";
import { MAX_REVIEW_BATCH } from "../domain/approval.js";

const jpeg = { filename: "x.jpg", contentType: "image/jpeg", size: 100 };

describe("HTTP app: co-hosts, approval mode and review", () => {
  let h: ReturnType<typeof createAppHarness>;
  let eventId: string;

  beforeEach(async () => {
    h = createAppHarness();
    eventId = (await h.eventWith("alice", ["bob", "carol", "dave"])).id;
  });

  const setRole = (handle: string, role: string, as = "alice") =>
    h.call("PUT", `/api/events/${eventId}/attendees/user-${handle}/role`, { as, json: { role } });
  const setMode = (mode: string, as = "alice") =>
    h.call("PUT", `/api/events/${eventId}/approval-mode`, { as, json: { mode } });
  const gallery = async (as: string) =>
    (await h.call("GET", `/api/events/${eventId}/photos`, { as })).body.items.map((p: any) => p.id);
  const reviewList = (as: string, state = "waiting") =>
    h.call("GET", `/api/events/${eventId}/review?state=${state}`, { as });
  const decide = (photoIds: string[], decision: string, as = "bob") =>
    h.call("POST", `/api/events/${eventId}/review`, { as, json: { photoIds, decision } });
  /** Uploads as `as` and lets the pipeline finish it (ready, with variants). */
  const uploadReady = async (as: string) => {
    const ticket = await h.call("POST", `/api/events/${eventId}/photos/initiate-upload`, { as, json: jpeg });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    const photoId = ticket.body.photoId as string;
    await h.photoRepository.transition(photoId, ["pending"], {
      status: "ready",
      variants: processedFields(photoId).variants,
    });
    return photoId;
  };

  describe("roles", () => {
    it("lets the organizer make an attendee a co-host and back; the attendee list shows it", async () => {
      const promoted = await setRole("bob", "cohost");
      assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
      assert.equal(promoted.body.role, "cohost");
      const listed = await h.call("GET", `/api/events/${eventId}/attendees`, { as: "carol" });
      assert.equal(listed.body.items.find((a: any) => a.userId === "user-bob").role, "cohost");
      assert.equal((await h.call("GET", `/api/events/${eventId}`, { as: "bob" })).body.role, "cohost");
      assert.equal((await setRole("bob", "attendee")).body.role, "attendee");
    });

    it("refuses role changes by co-hosts and attendees, and any change of the organizer", async () => {
      await setRole("bob", "cohost");
      assert.equal((await setRole("carol", "cohost", "bob")).status, 403);
      assert.equal((await setRole("alice", "attendee", "bob")).status, 403);
      assert.equal((await setRole("bob", "attendee", "carol")).status, 403);
      assert.equal((await setRole("alice", "attendee")).status, 403);
      assert.equal((await setRole("bob", "organizer")).status, 400);
      assert.equal((await setRole("nobody", "cohost")).status, 404);
      assert.equal((await setRole("bob", "cohost", "eve")).status, 404, "a non-attendee learns nothing");
      assert.equal((await h.call("GET", `/api/events/${eventId}`, { as: "alice" })).body.role, "organizer");
    });

    it("lets co-hosts manage guest links and share the event, but not see emails or remove people", async () => {
      await setRole("bob", "cohost");
      const link = await h.call("POST", `/api/events/${eventId}/guest-links`, { as: "bob", json: {} });
      assert.equal(link.status, 201, JSON.stringify(link.body));
      assert.equal((await h.call("GET", `/api/events/${eventId}/guest-links`, { as: "bob" })).status, 200);
      assert.equal((await h.call("DELETE", `/api/guest-links/${link.body.id}`, { as: "bob" })).status, 204);
      const share = await h.call("POST", "/api/shares", { as: "bob", json: { eventId } });
      assert.equal(share.status, 201, JSON.stringify(share.body));
      assert.equal(
        (await h.call("POST", `/api/events/${eventId}/guest-links`, { as: "carol", json: {} })).status,
        403,
      );
      const listed = await h.call("GET", `/api/events/${eventId}/attendees`, { as: "bob" });
      assert.equal(
        listed.body.items.every((a: any) => a.email === null),
        true,
      );
      assert.equal(
        (await h.call("DELETE", `/api/events/${eventId}/attendees/carol`, { as: "bob" })).status,
        403,
      );
    });

    it("lets co-hosts approve photos moderation hid", async () => {
      await setRole("bob", "cohost");
      const photoId = await uploadReady("carol");
      await h.photoRepository.transition(photoId, ["ready"], { status: "hidden" });
      assert.equal((await h.call("GET", `/api/photos/${photoId}`, { as: "dave" })).status, 404);
      const hidden = await h.call("GET", `/api/events/${eventId}/photos?status=hidden`, { as: "bob" });
      assert.deepEqual(
        hidden.body.items.map((p: any) => p.id),
        [photoId],
      );
      const approved = await h.call("POST", `/api/photos/${photoId}/approve`, { as: "bob" });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.status, "ready");
    });
  });

  describe("approval mode", () => {
    it("is off by default; only the organizer changes it", async () => {
      assert.equal((await h.call("GET", `/api/events/${eventId}`, { as: "bob" })).body.approvalMode, "off");
      await setRole("bob", "cohost");
      assert.equal((await setMode("everyone", "bob")).status, 403);
      assert.equal((await setMode("sometimes")).status, 400);
      const changed = await setMode("everyone");
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.approvalMode, "everyone");
      assert.equal(
        (await h.call("GET", `/api/events/${eventId}`, { as: "carol" })).body.approvalMode,
        "everyone",
      );
    });

    it("in everyone mode, holds an attendee's upload: marked for them, in Review for co-hosts, invisible to others", async () => {
      await setRole("bob", "cohost");
      await setMode("everyone");
      const photoId = await uploadReady("carol");
      const own = await h.call("GET", `/api/photos/${photoId}`, { as: "carol" });
      assert.equal(own.body.review, "waiting");
      assert.equal(own.body.listedInGallery, true);
      assert.deepEqual(await gallery("carol"), [photoId]);
      assert.deepEqual(await gallery("dave"), []);
      assert.equal((await h.call("GET", `/api/photos/${photoId}`, { as: "dave" })).status, 404);
      assert.deepEqual(await gallery("bob"), [], "reviewers see it in Review, not in the gallery");
      const queue = await reviewList("bob");
      assert.equal(queue.status, 200, JSON.stringify(queue.body));
      assert.deepEqual(
        queue.body.items.map((p: any) => p.id),
        [photoId],
      );
      assert.match(queue.body.items[0].urls.thumb, /variants\//);
      assert.equal(queue.body.items[0].listedInGallery, false);
      assert.equal((await reviewList("dave")).status, 403);
      assert.equal((await reviewList("eve")).status, 404);

      const decided = await decide([photoId], "approve");
      assert.deepEqual(decided.body.items, [{ photoId, outcome: "approved" }]);
      assert.deepEqual(await gallery("dave"), [photoId]);
      const seen = await h.call("GET", `/api/photos/${photoId}`, { as: "dave" });
      assert.equal(seen.body.review, null);
      assert.deepEqual((await reviewList("bob")).body.items, []);
    });

    it("does not hold uploads of the organizer or co-hosts, even in everyone mode", async () => {
      await setRole("bob", "cohost");
      await setMode("everyone");
      const byOrganizer = await uploadReady("alice");
      const byCohost = await uploadReady("bob");
      assert.deepEqual(await gallery("dave"), [byCohost, byOrganizer]);
    });

    it("in guests mode holds guest uploads only", async () => {
      await setMode("guests");
      const byAttendee = await uploadReady("carol");
      const link = (await h.call("POST", `/api/events/${eventId}/guest-links`, { as: "alice", json: {} }))
        .body;
      const ticket = await h.call("POST", `/api/guest/${link.token}/initiate-upload`, { json: jpeg });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      assert.equal((await h.photoRepository.get(ticket.body.photoId))?.review, "waiting");
      assert.equal((await h.photoRepository.get(byAttendee))?.review, undefined);
    });

    it("rejects many at once: hidden from everyone but reviewers, even the uploader; approve takes it back", async () => {
      await setRole("bob", "cohost");
      await setMode("everyone");
      const first = await uploadReady("carol");
      const second = await uploadReady("dave");
      const stillPending = (
        await h.call("POST", `/api/events/${eventId}/photos/initiate-upload`, { as: "carol", json: jpeg })
      ).body.photoId;
      const free = await uploadReady("alice");
      const decided = await decide([first, second, stillPending, free, "unknown-id", first], "reject");
      assert.deepEqual(decided.body.items, [
        { photoId: first, outcome: "rejected" },
        { photoId: second, outcome: "rejected" },
        { photoId: stillPending, outcome: "notReviewable" },
        { photoId: free, outcome: "notReviewable" },
        { photoId: "unknown-id", outcome: "notFound" },
      ]);
      assert.equal((await h.call("GET", `/api/photos/${first}`, { as: "carol" })).status, 404);
      assert.deepEqual((await gallery("carol")).sort(), [stillPending, free].sort());
      assert.deepEqual(
        (await reviewList("alice", "rejected")).body.items.map((p: any) => p.id).sort(),
        [first, second].sort(),
      );
      assert.equal((await h.call("GET", `/api/photos/${first}`, { as: "bob" })).status, 200);
      assert.deepEqual((await decide([first], "approve")).body.items, [
        { photoId: first, outcome: "approved" },
      ]);
      assert.equal((await h.call("GET", `/api/photos/${first}`, { as: "carol" })).body.review, null);
    });

    it("keeps held photos off the event's public share page, and refuses to share one until approved", async () => {
      await setMode("everyone");
      const held = await uploadReady("carol");
      const free = await uploadReady("alice");
      const share = await h.call("POST", "/api/shares", { as: "alice", json: { eventId } });
      assert.equal(share.status, 201, JSON.stringify(share.body));
      const publicIds = async () =>
        (await h.call("GET", `/api/public/shares/${share.body.token}`)).body.photos.map((p: any) => p.id);
      assert.deepEqual(await publicIds(), [free]);
      const own = await h.call("POST", `/api/photos/${held}/share`, { as: "carol", json: {} });
      assert.equal(own.status, 409, JSON.stringify(own.body));
      const link = await h.call("POST", "/api/shares", { as: "carol", json: { photoId: held } });
      assert.equal(link.status, 409, JSON.stringify(link.body));
      await decide([held], "approve", "alice");
      assert.deepEqual((await publicIds()).sort(), [free, held].sort());
    });

    it("bounds a decision's list and refuses attendees and other events' photos", async () => {
      await setMode("everyone");
      const photoId = await uploadReady("carol");
      const tooMany = Array.from({ length: MAX_REVIEW_BATCH + 1 }, (_, i) => `p${i}`);
      assert.equal((await decide(tooMany, "approve", "alice")).status, 400);
      assert.equal((await decide([], "approve", "alice")).status, 400);
      assert.equal((await decide([photoId], "maybe", "alice")).status, 400);
      assert.equal((await decide([photoId], "approve", "carol")).status, 403);
      const other = (await h.eventWith("erin")).id;
      const elsewhere = await h.call("POST", `/api/events/${other}/review`, {
        as: "erin",
        json: { photoIds: [photoId], decision: "approve" },
      });
      assert.deepEqual(elsewhere.body.items, [{ photoId, outcome: "notFound" }]);
      assert.equal((await h.photoRepository.get(photoId))?.review, "waiting");
    });
  });
});
