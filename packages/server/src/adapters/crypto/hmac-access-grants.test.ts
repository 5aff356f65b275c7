import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { HmacAccessGrants } from "./hmac-access-grants.js";

describe(HmacAccessGrants.name, () => {
  const clock = new ManualClock();
  const sut = new HmacAccessGrants(randomBytes(32), clock);

  it("accepts a grant for its link until it expires", () => {
    const { grant, expiresAt } = sut.issue("link-1", 600);
    assert.equal(sut.verify(grant, "link-1"), true);
    assert.deepEqual(expiresAt, new Date(clock.now().getTime() + 600_000));
    clock.advance(600_000);
    assert.equal(sut.verify(grant, "link-1"), false);
  });

  it("refuses a grant for another link, a forged one, one from another secret, and garbage", () => {
    const { grant } = sut.issue("link-1", 600);
    assert.equal(sut.verify(grant, "link-2"), false);
    const [, expires, mac] = grant.split(".");
    assert.equal(sut.verify(`link-2.${expires}.${mac}`, "link-2"), false);
    assert.equal(sut.verify(`link-1.${Number(expires) + 9999}.${mac}`, "link-1"), false);
    assert.equal(
      sut.verify(new HmacAccessGrants(randomBytes(32), clock).issue("link-1", 60).grant, "link-1"),
      false,
    );
    assert.equal(sut.verify("", "link-1"), false);
    assert.equal(sut.verify("nonsense", "link-1"), false);
  });
});
