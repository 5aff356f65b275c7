import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { FixedWindowRateLimiter } from "./fixed-window-rate-limiter.js";

describe(FixedWindowRateLimiter.name, () => {
  it("allows the limit per window, then refuses with the seconds left until the window ends", async () => {
    const clock = new ManualClock();
    const sut = new FixedWindowRateLimiter({ limit: 3, windowSeconds: 60, clock });
    for (let i = 0; i < 3; i++) assert.deepEqual(await sut.hit("a"), { allowed: true, retryAfterSeconds: 0 });
    clock.advance(15_500);
    assert.deepEqual(await sut.hit("a"), { allowed: false, retryAfterSeconds: 45 });
    assert.equal((await sut.hit("b")).allowed, true, "keys are counted apart");
    clock.advance(44_500);
    assert.equal((await sut.hit("a")).allowed, true, "a new window starts");
  });

  it("keeps memory bounded under a flood of distinct keys", async () => {
    const clock = new ManualClock();
    const sut = new FixedWindowRateLimiter({ limit: 1, windowSeconds: 60, clock, maxKeys: 10 });
    for (let i = 0; i < 100; i++) await sut.hit(`k${i}`);
    assert.ok((sut as unknown as { windows: Map<string, unknown> }).windows.size <= 10);
  });
});
