import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { UnauthenticatedError } from "../../domain/errors.js";
import type { Principal } from "../../domain/principal.js";
import type { TokenVerifier } from "../../ports/token-verifier.js";
import { CachingTokenVerifier, jwtExpiry } from "./caching-token-verifier.js";

/** A verifier that counts its calls and accepts tokens named "good…". */
class CountingVerifier implements TokenVerifier {
  calls = 0;
  async verify(token: string): Promise<Principal> {
    this.calls++;
    if (!token.startsWith("good")) throw new UnauthenticatedError("bad token");
    return { userId: token };
  }
}

describe(CachingTokenVerifier.name, () => {
  let clock: ManualClock;
  let inner: CountingVerifier;
  let expiry: number;
  let sut: CachingTokenVerifier;

  beforeEach(() => {
    clock = new ManualClock("2026-06-01T12:00:00Z");
    inner = new CountingVerifier();
    expiry = clock.now().getTime() + 3600_000;
    sut = new CachingTokenVerifier(inner, () => expiry, { maxEntries: 2, maxAgeSeconds: 600, clock });
  });

  it("verifies a token once and answers repeats from memory", async () => {
    assert.deepEqual(await sut.verify("good-a"), { userId: "good-a" });
    assert.deepEqual(await sut.verify("good-a"), { userId: "good-a" });
    assert.equal(inner.calls, 1);
  });

  it("never remembers a failure", async () => {
    await assert.rejects(sut.verify("bad"), UnauthenticatedError);
    await assert.rejects(sut.verify("bad"), UnauthenticatedError);
    assert.equal(inner.calls, 2);
  });

  it("verifies again once the token expires, so an expired token is refused", async () => {
    expiry = clock.now().getTime() + 60_000;
    await sut.verify("good-a");
    clock.advance(60_001);
    inner.verify = async () => {
      inner.calls++;
      throw new UnauthenticatedError("The token has expired");
    };
    await assert.rejects(sut.verify("good-a"), /expired/);
    assert.equal(inner.calls, 2);
  });

  it("verifies again after the maximum age even if the token lives longer", async () => {
    await sut.verify("good-a");
    clock.advance(600_001);
    await sut.verify("good-a");
    assert.equal(inner.calls, 2);
  });

  it("forgets the oldest token when full", async () => {
    await sut.verify("good-a");
    await sut.verify("good-b");
    await sut.verify("good-c");
    await sut.verify("good-a");
    assert.equal(inner.calls, 4);
  });
});

describe("jwtExpiry", () => {
  it("reads exp from a JWT's payload in milliseconds", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1_800_000_000 })).toString("base64url");
    assert.equal(jwtExpiry(`h.${payload}.s`), 1_800_000_000_000);
  });

  it("returns undefined for a token without exp or not a JWT", () => {
    const payload = Buffer.from(JSON.stringify({ sub: "x" })).toString("base64url");
    assert.equal(jwtExpiry(`h.${payload}.s`), undefined);
    assert.equal(jwtExpiry("nonsense"), undefined);
    assert.equal(jwtExpiry("a.%%%.b"), undefined);
  });
});
