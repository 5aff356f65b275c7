import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { timelineTime } from "./timeline.js";

describe("timelineTime", () => {
  const createdAt = new Date("2026-06-01T12:00:00Z");

  it("is the capture time when the photo has one", () => {
    const takenAt = new Date("2026-05-31T18:30:00Z");
    assert.equal(timelineTime({ takenAt, createdAt }), takenAt.getTime());
  });

  it("is the upload time without a capture time", () => {
    assert.equal(timelineTime({ createdAt }), createdAt.getTime());
  });

  it("falls back to the upload time for a capture time no sort key can hold", () => {
    assert.equal(timelineTime({ takenAt: new Date("1969-12-31T00:00:00Z"), createdAt }), createdAt.getTime());
  });
});
