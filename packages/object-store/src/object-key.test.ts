import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { S3Error } from "./errors.js";
import { decodePathPart, prefixUpperBound, validateObjectKey } from "./object-key.js";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof S3Error ? error.code : "not an S3Error";
  }
  return undefined;
}

describe("object keys", () => {
  it("accepts 1 to 1024 UTF-8 bytes and refuses longer keys with KeyTooLongError", () => {
    assert.equal(
      codeOf(() => validateObjectKey("a".repeat(1024))),
      undefined,
    );
    assert.equal(
      codeOf(() => validateObjectKey("é".repeat(512))),
      undefined,
    );
    assert.equal(
      codeOf(() => validateObjectKey("é".repeat(513))),
      "KeyTooLongError",
    );
  });

  it("refuses empty keys, NUL and lone surrogates", () => {
    assert.equal(
      codeOf(() => validateObjectKey("")),
      "InvalidArgument",
    );
    assert.equal(
      codeOf(() => validateObjectKey("a\u0000b")),
      "InvalidArgument",
    );
    assert.equal(
      codeOf(() => validateObjectKey("a\ud800b")),
      "InvalidArgument",
    );
  });

  it("decodes percent-encoding and refuses bytes that are not UTF-8 with InvalidURI", () => {
    assert.equal(decodePathPart("a%20b%2F..%2Fc"), "a b/../c");
    assert.equal(
      codeOf(() => decodePathPart("%ff")),
      "InvalidURI",
    );
    assert.equal(
      codeOf(() => decodePathPart("%zz")),
      "InvalidURI",
    );
  });

  it("bounds a prefix from above by incrementing its last code point", () => {
    assert.equal(prefixUpperBound("photos/"), "photos0");
    assert.equal(prefixUpperBound("a\ud7ff"), "a\ue000");
    assert.equal(prefixUpperBound("a\u{10ffff}"), "b");
    assert.equal(prefixUpperBound(""), undefined);
    for (const key of ["photos/", "photos/a", "photos/\u{10ffff}x"])
      assert.ok(key < prefixUpperBound("photos/")!);
  });
});
