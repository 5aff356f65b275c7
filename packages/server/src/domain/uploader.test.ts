import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GUEST_UPLOADER_NAME, UNNAMED_UPLOADER, uploaderNameOf } from "./uploader.js";

describe("uploaderNameOf", () => {
  it("names an account by its display name", () => {
    assert.equal(uploaderNameOf({ principal: { name: "Ada Lovelace" } }), "Ada Lovelace");
  });

  it("never falls back to an account's email", () => {
    assert.equal(uploaderNameOf({ principal: { name: "  " } }), UNNAMED_UPLOADER);
    assert.equal(uploaderNameOf({ principal: {} }), UNNAMED_UPLOADER);
  });

  it("names a guest by the name they typed, else 'Guest'", () => {
    assert.equal(uploaderNameOf({ guestName: "Grace" }), "Grace");
    assert.equal(uploaderNameOf({ guestName: undefined }), GUEST_UPLOADER_NAME);
  });
});
