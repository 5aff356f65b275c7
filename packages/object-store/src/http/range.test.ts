import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { S3Error } from "../errors.js";
import { parseRange } from "./range.js";

describe("Range header", () => {
  it("parses first-last, open-ended and suffix ranges, clamping the end to the object", () => {
    assert.deepEqual(parseRange("bytes=0-9", 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange("bytes=90-", 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange("bytes=-10", 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange("bytes=-500", 100), { start: 0, end: 99 });
    assert.deepEqual(parseRange("bytes=50-500", 100), { start: 50, end: 99 });
  });

  it("ignores headers S3 ignores: bad syntax, several ranges, last before first", () => {
    for (const header of ["bytes=a-b", "bytes=0-1,3-4", "items=0-1", "bytes=9-3", "bytes=-"]) {
      assert.equal(parseRange(header, 100), undefined, header);
    }
  });

  it("refuses a range starting past the end with InvalidRange (416)", () => {
    assert.throws(
      () => parseRange("bytes=100-", 100),
      (e: unknown) => e instanceof S3Error && e.code === "InvalidRange" && e.status === 416,
    );
  });
});
