import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "./errors.js";
import { photoIdOfUploadKey } from "./object-keys.js";
import { isFlaggedByModeration, keepConfidentLabels, parseLabelFilter } from "./photo-details.js";

describe("photo labels", () => {
  it("normalises a label filter to the stored form", () => {
    assert.equal(parseLabelFilter("Dog"), "dog");
    assert.equal(parseLabelFilter("  Teddy   Bear "), "teddy bear");
    assert.equal(parseLabelFilter("hair-drier"), "hair-drier");
  });

  it("refuses blank, overlong and punctuated label filters", () => {
    for (const label of ["", "   ", "a".repeat(65), "dog;drop", "%", "-dog", "<b>"]) {
      assert.throws(() => parseLabelFilter(label), ValidationError, JSON.stringify(label));
    }
  });

  it("keeps labels at or above the threshold, once per name, highest first, rounded", () => {
    const kept = keepConfidentLabels(
      [
        { name: "Person", confidence: 0.4 },
        { name: "dog", confidence: 0.912345 },
        { name: "person", confidence: 0.55 },
        { name: "kite", confidence: 0.39 },
        { name: "  ", confidence: 0.99 },
        { name: "cat", confidence: Number.NaN },
      ],
      0.4,
    );
    assert.deepEqual(kept, [
      { name: "dog", confidence: 0.9123 },
      { name: "person", confidence: 0.55 },
    ]);
  });

  it("flags a photo when any moderation category scores above the threshold", () => {
    assert.equal(isFlaggedByModeration([{ name: "explicit nudity", confidence: 0.71 }], 0.7), true);
    assert.equal(isFlaggedByModeration([{ name: "suggestive", confidence: 0.7 }], 0.7), false);
    assert.equal(isFlaggedByModeration([], 0.7), false);
  });
});

describe(photoIdOfUploadKey.name, () => {
  it("reads the photo id from event and library upload keys, and nothing from other keys", () => {
    assert.equal(photoIdOfUploadKey("uploads/event_e-1/p_1.jpg"), "p_1");
    assert.equal(photoIdOfUploadKey("uploads/user_u1/abc.heic"), "abc");
    assert.equal(photoIdOfUploadKey("variants/p1/web.webp"), undefined);
    assert.equal(photoIdOfUploadKey("uploads/event_e1/../p1.jpg"), undefined);
    assert.equal(photoIdOfUploadKey("uploads/p1.jpg"), undefined);
  });
});
