import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { CloudFrontDeliveryUrls } from "./cloudfront-delivery-urls.js";
import { SignedUrlVerifier } from "./signed-url-verifier.js";

const BASE = "http://127.0.0.1:8080/cdn";
const KEY = "variants/p1/thumb.webp";

function setUp() {
  const clock = new ManualClock(new Date("2026-06-01T12:00:00Z"));
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const urls = new CloudFrontDeliveryUrls({ baseUrl: BASE, keyPairId: "K1", privateKey, clock });
  const verifier = new SignedUrlVerifier({ baseUrl: BASE, publicKeys: new Map([["K1", publicKey]]), clock });
  const check = (url: string, address?: string) => {
    const parsed = new URL(url);
    return verifier.verify(parsed.pathname.slice("/cdn/".length), parsed.search.slice(1), address);
  };
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return { clock, urls, check, nowSeconds };
}

describe(SignedUrlVerifier.name, () => {
  it("checks the time window again on every use of a URL it has verified before", async () => {
    const { clock, urls, check } = setUp();
    const url = await urls.signedUrl(KEY, 60);
    assert.equal(check(url).ok, true);
    assert.equal(check(url).ok, true, "the same URL again");
    clock.advance(10 * 60_000);
    assert.deepEqual(check(url), { ok: false, refusal: "expired" });
    assert.deepEqual(check(url), { ok: false, refusal: "expired" }, "and stays refused");
  });

  it("checks the viewer's address on every use, not only the first", () => {
    const { urls, check, nowSeconds } = setUp();
    const url = urls.signedPolicyUrl(KEY, { dateLessThan: nowSeconds() + 60, ipAddress: "10.0.0.0/8" });
    assert.equal(check(url, "10.1.2.3").ok, true);
    assert.deepEqual(check(url, "192.0.2.7"), { ok: false, refusal: "address-not-allowed" });
    assert.equal(check(url, "10.9.9.9").ok, true);
  });

  it("keeps refusing a bad signature however often it is sent", async () => {
    const { urls, check } = setUp();
    const url = new URL(await urls.signedUrl(KEY, 60));
    const signature = url.searchParams.get("Signature")!;
    url.searchParams.set("Signature", `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`);
    for (let i = 0; i < 3; i++)
      assert.deepEqual(check(url.toString()), { ok: false, refusal: "bad-signature" });
  });

  it("does not let a verified URL vouch for another path or query", async () => {
    const { urls, check } = setUp();
    const url = new URL(await urls.signedUrl(KEY, 60));
    assert.equal(check(url.toString()).ok, true);
    const otherPath = new URL(url);
    otherPath.pathname = "/cdn/variants/p2/thumb.webp";
    assert.deepEqual(check(otherPath.toString()), { ok: false, refusal: "bad-signature" });
    const extraQuery = new URL(url);
    extraQuery.searchParams.set("download", "1");
    assert.deepEqual(check(extraQuery.toString()), { ok: false, refusal: "bad-signature" });
  });
});
