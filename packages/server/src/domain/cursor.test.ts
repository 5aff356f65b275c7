import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeSortKeyCursor, encodeCursor, keysetPage } from "./cursor.js";
import { ValidationError } from "./errors.js";

describe("keyset cursors", () => {
  it("round-trips a sort key through an opaque URL-safe string", () => {
    const cursor = encodeCursor([1780000000000, "id-0001"]);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeSortKeyCursor(cursor), [1780000000000, "id-0001"]);
  });

  it("refuses cursors with extra elements or a fractional time", () => {
    assert.throws(() => decodeSortKeyCursor(encodeCursor([1, "a", "b"])), ValidationError);
    assert.throws(() => decodeSortKeyCursor(encodeCursor([1.5, "a"])), ValidationError);
    assert.throws(() => decodeSortKeyCursor(encodeCursor([1, ""])), ValidationError);
  });

  it("makes a cursor from the last kept item only when an extra row shows more exist", () => {
    const key = (n: number): [number, string] => [n, `id${n}`];
    assert.deepEqual(
      keysetPage([1, 2, 3], 2, (n) => n, key),
      { items: [1, 2], nextCursor: encodeCursor([2, "id2"]) },
    );
    assert.deepEqual(
      keysetPage([1, 2], 2, (n) => n, key),
      { items: [1, 2] },
    );
  });
});
