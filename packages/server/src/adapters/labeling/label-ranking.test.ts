import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankLabels } from "./label-ranking.js";

describe("rankLabels", () => {
  const options = { minConfidence: 0.4, maxLabels: 10 };

  it("keeps one entry per name with its highest confidence", () => {
    const ranked = rankLabels(
      [
        { name: "dog", confidence: 0.45 },
        { name: "dog", confidence: 0.61 },
        { name: "dog", confidence: 0.5 },
      ],
      options,
    );
    assert.deepEqual(ranked, [{ name: "dog", confidence: 0.61 }]);
  });

  it("drops labels below the threshold and keeps those exactly at it", () => {
    const ranked = rankLabels(
      [
        { name: "person", confidence: 0.4 },
        { name: "clock", confidence: 0.399 },
      ],
      options,
    );
    assert.deepEqual(ranked, [{ name: "person", confidence: 0.4 }]);
  });

  it("orders labels by confidence, highest first, and ties by name", () => {
    const ranked = rankLabels(
      [
        { name: "cup", confidence: 0.5 },
        { name: "person", confidence: 0.9 },
        { name: "bowl", confidence: 0.5 },
      ],
      options,
    );
    assert.deepEqual(
      ranked.map((label) => label.name),
      ["person", "bowl", "cup"],
    );
  });

  it("keeps only the most confident labels when there are more than maxLabels", () => {
    const ranked = rankLabels(
      [
        { name: "a", confidence: 0.5 },
        { name: "b", confidence: 0.7 },
        { name: "c", confidence: 0.6 },
      ],
      { minConfidence: 0, maxLabels: 2 },
    );
    assert.deepEqual(
      ranked.map((label) => label.name),
      ["b", "c"],
    );
  });

  it("ignores detections whose confidence is not a number", () => {
    assert.deepEqual(
      rankLabels([{ name: "kite", confidence: Number.NaN }], { minConfidence: 0, maxLabels: 10 }),
      [],
    );
  });
});
