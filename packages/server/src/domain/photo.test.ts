import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, makePhoto } from "../adapters/contract/fixtures.js";
import type { Attendance } from "./event.js";
import { applyPhotoChanges, canDeletePhoto, canViewPhoto, objectKeysOf } from "./photo.js";

const attendance = (
  userId: string,
  role: Attendance["role"] = "attendee",
  eventId = "event-1",
): Attendance => ({
  eventId,
  userId,
  role,
  joinedAt: at(0),
});

describe("photo rules", () => {
  const pending = makePhoto({ id: "p1", ownerId: "owner" });
  const ready = makePhoto({ id: "p2", ownerId: "owner", status: "ready" });

  it("lets the owner see their photo in any status", () => {
    assert.equal(canViewPhoto(pending, "owner", undefined), true);
  });

  it("lets attendees of the photo's event see it once ready, and no one else", () => {
    assert.equal(canViewPhoto(ready, "guest", attendance("guest")), true);
    assert.equal(canViewPhoto(pending, "guest", attendance("guest")), false);
    assert.equal(canViewPhoto(ready, "guest", undefined), false);
    assert.equal(canViewPhoto(ready, "guest", attendance("guest", "attendee", "event-2")), false);
    assert.equal(canViewPhoto(ready, "guest", attendance("someone-else")), false);
    assert.equal(
      canViewPhoto(makePhoto({ id: "l", eventId: undefined, status: "ready" }), "guest", undefined),
      false,
    );
  });

  it("lets the owner and the event's organizer delete, not other attendees", () => {
    assert.equal(canDeletePhoto(ready, "owner", undefined), true);
    assert.equal(canDeletePhoto(ready, "boss", attendance("boss", "organizer")), true);
    assert.equal(canDeletePhoto(ready, "guest", attendance("guest")), false);
    assert.equal(canDeletePhoto(ready, "boss", attendance("boss", "organizer", "event-2")), false);
  });

  it("names the original among the keys to delete", () => {
    assert.deepEqual(objectKeysOf(ready), [ready.objectKey]);
  });

  it("applies changes, clears optional fields given as undefined and leaves the input untouched", () => {
    const before = makePhoto({ id: "p1", statusReason: "bad" });
    const after = applyPhotoChanges(before, {
      status: "ready",
      statusReason: undefined,
      declaredSize: undefined,
    });
    assert.equal(after.status, "ready");
    assert.equal("statusReason" in after, false);
    assert.equal(after.declaredSize, before.declaredSize);
    assert.equal(before.status, "pending");
  });
});
