import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeGuestLink } from "../../../test/support/link-fixtures.js";
import { guestLinkItem, itemToGuestLink } from "./link-items.js";

describe("guest link items", () => {
  it("read an item written before modes existed as a drop box (upload_only)", () => {
    const { mode: _mode, ...legacy } = guestLinkItem(makeGuestLink({ id: "old" }));
    assert.equal(itemToGuestLink(legacy).mode, "upload_only");
  });

  it("carry mode and revealAt as attributes", () => {
    const link = makeGuestLink({ id: "g", mode: "view_after_reveal", revealAt: new Date(5000) });
    const item = guestLinkItem(link);
    assert.deepEqual([item.mode, item.revealAt], ["view_after_reveal", 5000]);
    assert.deepEqual(itemToGuestLink(item), link);
  });
});
