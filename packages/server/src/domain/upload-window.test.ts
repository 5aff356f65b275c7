import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "./errors.js";
import { assertUploadWindow, uploadsClosedMessage, uploadWindowState } from "./upload-window.js";

const opensAt = new Date("2026-07-01T10:00:00.000Z");
const closesAt = new Date("2026-07-01T22:00:00.000Z");
const during = new Date("2026-07-01T12:00:00.000Z");

describe(uploadWindowState.name, () => {
  it("is open when nothing is set", () => {
    assert.deepEqual(uploadWindowState({}, during), { open: true });
  });

  it("is open from the open time (inclusive) until the close time (exclusive), telling when it closes", () => {
    assert.deepEqual(uploadWindowState({ uploadsOpenAt: opensAt, uploadsCloseAt: closesAt }, opensAt), {
      open: true,
      closesAt,
    });
    assert.deepEqual(uploadWindowState({ uploadsOpenAt: opensAt, uploadsCloseAt: closesAt }, closesAt), {
      open: false,
      reason: "closed",
      closedAt: closesAt,
    });
  });

  it("is not yet open before the open time, and says when it opens", () => {
    const state = uploadWindowState({ uploadsOpenAt: opensAt }, new Date(opensAt.getTime() - 1));
    assert.deepEqual(state, { open: false, reason: "notYetOpen", opensAt });
    assert.equal(uploadsClosedMessage(state), "Uploads are closed: they open at 2026-07-01T10:00:00.000Z");
  });

  it("says when uploads closed once the close time has passed", () => {
    const state = uploadWindowState({ uploadsCloseAt: closesAt }, new Date(closesAt.getTime() + 1));
    assert.equal(uploadsClosedMessage(state), "Uploads are closed: they closed at 2026-07-01T22:00:00.000Z");
  });

  it("is closed by hand whatever the times say, and reopens when the switch is off", () => {
    const window = { uploadsOpenAt: opensAt, uploadsCloseAt: closesAt };
    assert.deepEqual(uploadWindowState({ ...window, uploadsClosed: true }, during), {
      open: false,
      reason: "closedByHand",
    });
    assert.equal(uploadWindowState({ ...window, uploadsClosed: false }, during).open, true);
  });

  it("has no closed message while open", () => {
    assert.equal(uploadsClosedMessage(uploadWindowState({}, during)), undefined);
  });
});

describe(assertUploadWindow.name, () => {
  it("refuses a close time at or before the open time", () => {
    assert.throws(
      () => assertUploadWindow({ uploadsOpenAt: closesAt, uploadsCloseAt: opensAt }),
      ValidationError,
    );
    assert.throws(
      () => assertUploadWindow({ uploadsOpenAt: opensAt, uploadsCloseAt: opensAt }),
      ValidationError,
    );
  });

  it("accepts either time alone, or both in order", () => {
    assertUploadWindow({ uploadsOpenAt: opensAt });
    assertUploadWindow({ uploadsCloseAt: closesAt });
    assertUploadWindow({ uploadsOpenAt: opensAt, uploadsCloseAt: closesAt });
  });
});
