import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../../test/support/dynamodb-local.js";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { DynamoRateLimiter, type DynamoRateLimiterOptions } from "./dynamo-rate-limiter.js";
import { rateCounterKey } from "./keys.js";

let local: DynamoDbLocal;
let tableName: string;
before(async () => {
  local = await startDynamoDbLocal();
  tableName = await local.createTable();
});
after(() => local?.stop());

/** Each case counts under its own scope, so one table serves the file. */
let scopes = 0;
function limiter(options: Partial<DynamoRateLimiterOptions> & { clock: ManualClock }) {
  return new DynamoRateLimiter({
    client: local.documents,
    tableName,
    scope: `case-${++scopes}`,
    limit: 3,
    windowSeconds: 60,
    ...options,
  });
}

describe(DynamoRateLimiter.name, () => {
  it("allows the limit per window, then refuses with the seconds left until the window ends", async () => {
    const clock = new ManualClock("2026-06-01T12:00:00.000Z");
    const sut = limiter({ clock });
    for (let i = 0; i < 3; i++) assert.deepEqual(await sut.hit("a"), { allowed: true, retryAfterSeconds: 0 });
    clock.advance(15_500);
    assert.deepEqual(await sut.hit("a"), { allowed: false, retryAfterSeconds: 45 });
    assert.equal((await sut.hit("b")).allowed, true, "keys are counted apart");
    clock.advance(44_500);
    assert.equal((await sut.hit("a")).allowed, true, "a new window starts");
  });

  it("shares its counts between instances on the same table, as Lambda instances do", async () => {
    const clock = new ManualClock("2026-06-01T12:00:10.000Z");
    const first = limiter({ clock, limit: 2 });
    const second = new DynamoRateLimiter({
      client: local.documentsWith({}),
      tableName,
      scope: `case-${scopes}`,
      limit: 2,
      windowSeconds: 60,
      clock,
    });
    assert.equal((await first.hit("address:203.0.113.9")).allowed, true);
    assert.equal((await second.hit("address:203.0.113.9")).allowed, true);
    assert.deepEqual(await first.hit("address:203.0.113.9"), { allowed: false, retryAfterSeconds: 50 });
  });

  it("counts limiters of different scopes apart on the same keys", async () => {
    const clock = new ManualClock();
    const tickets = limiter({ clock, limit: 1 });
    const passwords = limiter({ clock, limit: 1 });
    assert.equal((await tickets.hit("address:x")).allowed, true);
    assert.equal((await passwords.hit("address:x")).allowed, true);
    assert.equal((await tickets.hit("address:x")).allowed, false);
  });

  it("allows exactly the limit among many simultaneous attempts", async () => {
    const sut = limiter({ clock: new ManualClock(), limit: 5 });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => sut.hit("link:l1")));
    assert.equal(decisions.filter((decision) => decision.allowed).length, 5);
  });

  it("stores one counter item per window that TTL deletes when the window ends", async () => {
    const clock = new ManualClock("2026-06-01T12:00:30.000Z");
    const sut = limiter({ clock });
    await sut.hit("user:u1");
    await sut.hit("user:u1");
    const windowStart = Date.parse("2026-06-01T12:00:00.000Z");
    const out = await local.documents.send(
      new GetCommand({ TableName: tableName, Key: rateCounterKey(`case-${scopes}`, "user:u1", windowStart) }),
    );
    assert.equal(out.Item?.count, 2);
    assert.equal(out.Item?.ttl, Date.parse("2026-06-01T12:01:00.000Z") / 1000);
  });

  it("counts an oversized key under its hash rather than failing the request", async () => {
    const sut = limiter({ clock: new ManualClock(), limit: 1 });
    const huge = `email:${"x".repeat(5000)}`;
    assert.equal((await sut.hit(huge)).allowed, true);
    assert.equal((await sut.hit(huge)).allowed, false);
    assert.equal((await sut.hit(`${huge}y`)).allowed, true);
  });

  it("refuses a limit or window that is not a positive integer, and a scope with #", () => {
    const clock = new ManualClock();
    assert.throws(() => limiter({ clock, limit: 0 }), RangeError);
    assert.throws(() => limiter({ clock, windowSeconds: 0.5 }), RangeError);
    assert.throws(() => limiter({ clock, scope: "a#b" }), RangeError);
  });
});
