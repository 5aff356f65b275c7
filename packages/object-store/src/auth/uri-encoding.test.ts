import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { getCanonicalQuery } from "@smithy/signature-v4";
import { canonicalQueryString, canonicalUri, parseQuery } from "./index.js";
import { assertS3Error } from "./test-support/assertions.js";
import { encodeComponent } from "./test-support/sdk-signing.js";

describe("canonicalUri", () => {
  it("re-encodes every byte per SigV4 and keeps slashes", () => {
    assert.equal(canonicalUri("/photos/a%20b.jpg"), "/photos/a%20b.jpg");
    assert.equal(canonicalUri("/photos/a b.jpg"), "/photos/a%20b.jpg");
    assert.equal(canonicalUri("/photos/%c3%bc.jpg"), "/photos/%C3%BC.jpg");
    assert.equal(canonicalUri("/photos/ü.jpg"), "/photos/%C3%BC.jpg");
    assert.equal(canonicalUri("/photos/x!*'()~_-.jpg"), "/photos/x%21%2A%27%28%29~_-.jpg");
    assert.equal(canonicalUri("/photos/%7E%41"), "/photos/~A");
  });

  it("treats + in a path as a plus, not a space", () => {
    assert.equal(canonicalUri("/photos/1+1.jpg"), "/photos/1%2B1.jpg");
  });

  it("does not normalise dot segments or repeated slashes, as S3 does not", () => {
    assert.equal(canonicalUri("/photos/a/../b/./c.jpg"), "/photos/a/../b/./c.jpg");
    assert.equal(canonicalUri("/photos//a.jpg"), "/photos//a.jpg");
  });

  it("encodes an encoded slash inside a key as a slash (S3 compares decoded keys)", () => {
    assert.equal(canonicalUri("/photos/a%2Fb"), "/photos/a/b");
  });

  it("refuses broken percent-encoding", () => {
    assertS3Error(() => canonicalUri("/photos/100%.jpg"), "InvalidURI");
    assertS3Error(() => canonicalUri("/photos/%zz"), "InvalidURI");
  });
});

describe("canonicalQueryString", () => {
  it("sorts by name then value and encodes / and spaces", () => {
    const query = parseQuery("prefix=a/b&list-type=2&a=2&a=1&uploads&empty=");
    assert.equal(canonicalQueryString(query), "a=1&a=2&empty=&list-type=2&prefix=a%2Fb&uploads=");
  });

  it("leaves out the named parameter", () => {
    assert.equal(canonicalQueryString(parseQuery("X-Amz-Signature=abc&b=1"), "X-Amz-Signature"), "b=1");
  });

  it("matches the SDK's own canonical query for random names and values", () => {
    for (let round = 0; round < 200; round++) {
      const query: Record<string, string> = {};
      for (let i = 0; i < 4; i++) {
        const name = randomText(1 + (round % 7));
        query[name] = randomText(round % 11);
      }
      const raw = Object.entries(query)
        .map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`)
        .join("&");
      const sdk = getCanonicalQuery({
        method: "GET",
        protocol: "http:",
        hostname: "h",
        path: "/",
        headers: {},
        query,
      });
      assert.equal(canonicalQueryString(parseQuery(raw)), sdk, raw);
    }
  });
});

const ALPHABET = "abcXYZ019 -._~!*'()/+=&%?#ü日😀";
function randomText(length: number): string {
  const chars = [...ALPHABET];
  return [...randomBytes(length)].map((byte) => chars[byte % chars.length]).join("");
}
