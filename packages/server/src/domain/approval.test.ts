import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewAllowsListing, reviewAllowsViewing, reviewListOf, reviewOfNewUpload } from "./approval.js";

describe("approval mode", () => {
  it("holds nothing when off (or never set)", () => {
    for (const mode of [undefined, "off"] as const) {
      assert.equal(reviewOfNewUpload(mode, { kind: "guest" }), undefined);
      assert.equal(reviewOfNewUpload(mode, { kind: "attendee", role: "attendee" }), undefined);
    }
  });

  it("holds guest uploads only in guests mode", () => {
    assert.equal(reviewOfNewUpload("guests", { kind: "guest" }), "waiting");
    assert.equal(reviewOfNewUpload("guests", { kind: "attendee", role: "attendee" }), undefined);
  });

  it("holds everyone's uploads in everyone mode, except the organizer's and co-hosts'", () => {
    assert.equal(reviewOfNewUpload("everyone", { kind: "guest" }), "waiting");
    assert.equal(reviewOfNewUpload("everyone", { kind: "attendee", role: "attendee" }), "waiting");
    assert.equal(reviewOfNewUpload("everyone", { kind: "attendee", role: "cohost" }), undefined);
    assert.equal(reviewOfNewUpload("everyone", { kind: "attendee", role: "organizer" }), undefined);
  });

  it("lists a held photo for review once processed, not while pending or once gone", () => {
    assert.equal(reviewListOf({ status: "ready", review: "waiting" }), "waiting");
    assert.equal(reviewListOf({ status: "hidden", review: "rejected" }), "rejected");
    assert.equal(reviewListOf({ status: "pending", review: "waiting" }), undefined);
    assert.equal(reviewListOf({ status: "duplicate", review: "waiting" }), undefined);
    assert.equal(reviewListOf({ status: "ready" }), undefined);
  });

  it("shows a waiting photo to its uploader and reviewers, a rejected one to reviewers only", () => {
    assert.deepEqual(
      [reviewAllowsViewing("waiting", true, false), reviewAllowsViewing("waiting", false, true)],
      [true, true],
    );
    assert.equal(reviewAllowsViewing("waiting", false, false), false);
    assert.equal(reviewAllowsViewing("rejected", true, false), false);
    assert.equal(reviewAllowsViewing("rejected", false, true), true);
    assert.equal(reviewAllowsViewing(undefined, false, false), true);
  });

  it("lists a waiting photo in the gallery of its uploader only, a rejected one for nobody", () => {
    assert.equal(reviewAllowsListing("waiting", true), true);
    assert.equal(reviewAllowsListing("waiting", false), false);
    assert.equal(reviewAllowsListing("rejected", true), false);
    assert.equal(reviewAllowsListing(undefined, false), true);
  });
});
