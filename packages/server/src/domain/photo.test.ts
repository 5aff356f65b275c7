import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at, makePhoto, processedFields } from "../../test/support/fixtures.js";
import type { Attendance } from "./event.js";
import {
  applyPhotoChanges,
  canApprovePhoto,
  canDeletePhoto,
  canSeeModeration,
  canViewPhoto,
  contentScopeOf,
  holdsItsContent,
  isListedInGallery,
  objectKeysOf,
  photoForViewer,
} from "./photo.js";

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

  it("names the original and both variants among the keys to delete, even before they are recorded", () => {
    const keys = [ready.objectKey, "variants/p2/thumb.webp", "variants/p2/web.webp"];
    assert.deepEqual(objectKeysOf(ready), keys);
    assert.deepEqual(objectKeysOf({ ...ready, ...processedFields("p2") }), keys);
  });

  it("shows a hidden photo to its owner and the event's organizer, not to other attendees", () => {
    const hidden = makePhoto({ id: "h", ownerId: "owner", status: "hidden" });
    assert.equal(canViewPhoto(hidden, "owner", undefined), true);
    assert.equal(canViewPhoto(hidden, "boss", attendance("boss", "organizer")), true);
    assert.equal(canViewPhoto(hidden, "guest", attendance("guest")), false);
    assert.equal(canViewPhoto(hidden, "boss", attendance("boss", "organizer", "event-2")), false);
  });

  it("hides failed, duplicate and rejected photos from everyone but their owner", () => {
    for (const status of ["failed", "duplicate", "rejected", "expired"] as const) {
      const photo = makePhoto({ id: "x", ownerId: "owner", status });
      assert.equal(canViewPhoto(photo, "owner", undefined), true, status);
      assert.equal(canViewPhoto(photo, "boss", attendance("boss", "organizer")), false, status);
    }
  });

  it("lets the organizer approve event photos, and the owner approve library photos only", () => {
    const hidden = makePhoto({ id: "h", ownerId: "owner", status: "hidden" });
    const library = makePhoto({ id: "l", ownerId: "owner", eventId: undefined, status: "hidden" });
    assert.equal(canApprovePhoto(hidden, "boss", attendance("boss", "organizer")), true);
    assert.equal(canApprovePhoto(hidden, "owner", attendance("owner")), false);
    assert.equal(canApprovePhoto(hidden, "guest", attendance("guest")), false);
    assert.equal(canApprovePhoto(library, "owner", undefined), true);
    assert.equal(canApprovePhoto(library, "guest", undefined), false);
    assert.equal(canSeeModeration(hidden, "owner", attendance("owner")), true);
    assert.equal(canSeeModeration(hidden, "guest", attendance("guest")), false);
  });

  it("gives a viewer other than the owner no position, hash or owner-only status details", () => {
    const photo = makePhoto({
      id: "p",
      ownerId: "owner",
      status: "ready",
      statusReason: "why",
      failedStep: "labels",
      duplicateOf: "q",
      ...processedFields("p"),
    });
    assert.deepEqual(photoForViewer(photo, "owner", undefined), photo);
    const forGuest = photoForViewer(photo, "guest", attendance("guest"));
    for (const field of ["gps", "sha256", "statusReason", "failedStep", "duplicateOf", "moderation"]) {
      assert.equal(field in forGuest, false, field);
    }
    assert.deepEqual(forGuest.labels, photo.labels);
    const forOrganizer = photoForViewer(photo, "boss", attendance("boss", "organizer"));
    assert.equal("gps" in forOrganizer, false);
    assert.deepEqual(forOrganizer.moderation, photo.moderation);
  });

  it("looks for duplicates within the event, or within the owner's library", () => {
    assert.equal(contentScopeOf(makePhoto({ id: "a", eventId: "e9" })), "event:e9");
    assert.equal(contentScopeOf(makePhoto({ id: "a", ownerId: "u9", eventId: undefined })), "library:u9");
    assert.equal(holdsItsContent(makePhoto({ id: "a", status: "failed" })), true);
    assert.equal(holdsItsContent(makePhoto({ id: "a", status: "duplicate" })), false);
    assert.equal(holdsItsContent(undefined), false);
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

  it("lets co-hosts moderate like the organizer: see, approve and delete hidden photos", () => {
    const hidden = makePhoto({ id: "h", ownerId: "owner", status: "hidden" });
    assert.equal(canViewPhoto(hidden, "co", attendance("co", "cohost")), true);
    assert.equal(canApprovePhoto(hidden, "co", attendance("co", "cohost")), true);
    assert.equal(canDeletePhoto(hidden, "co", attendance("co", "cohost")), true);
    assert.equal(canSeeModeration(hidden, "co", attendance("co", "cohost")), true);
  });

  it("shows a photo waiting for review to its owner and the moderators only", () => {
    const waiting = makePhoto({ id: "w", ownerId: "owner", status: "ready", review: "waiting" });
    assert.equal(canViewPhoto(waiting, "owner", attendance("owner")), true);
    assert.equal(canViewPhoto(waiting, "co", attendance("co", "cohost")), true);
    assert.equal(canViewPhoto(waiting, "boss", attendance("boss", "organizer")), true);
    assert.equal(canViewPhoto(waiting, "guest", attendance("guest")), false);
  });

  it("shows a rejected photo to the moderators only, not even its owner", () => {
    const rejected = makePhoto({ id: "r", ownerId: "owner", status: "ready", review: "rejected" });
    assert.equal(canViewPhoto(rejected, "owner", attendance("owner")), false);
    assert.equal(canViewPhoto(rejected, "co", attendance("co", "cohost")), true);
    assert.equal(canViewPhoto(rejected, "guest", attendance("guest")), false);
  });

  it("lists a waiting photo in the gallery for its uploader only", () => {
    assert.equal(isListedInGallery("ready", undefined, { review: "waiting", viewerIsOwner: true }), true);
    assert.equal(isListedInGallery("ready", undefined, { review: "waiting", viewerIsOwner: false }), false);
    assert.equal(isListedInGallery("ready", undefined, { review: "rejected", viewerIsOwner: true }), false);
    assert.equal(isListedInGallery("ready", undefined, { viewerIsOwner: false }), true);
    assert.equal(isListedInGallery("duplicate", undefined, { viewerIsOwner: true }), false);
  });
});
