import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toModerationLabels } from "./moderation-categories.js";

describe("toModerationLabels", () => {
  const neutral = { drawing: 0, hentai: 0, neutral: 1, porn: 0, sexy: 0 };

  it("reports explicit nudity as the higher of the photographic and the drawn class", () => {
    const drawn = toModerationLabels({ ...neutral, neutral: 0.1, hentai: 0.8, porn: 0.1 });
    const photographed = toModerationLabels({ ...neutral, neutral: 0.1, hentai: 0.1, porn: 0.8 });
    assert.deepEqual(drawn[0], { name: "explicit nudity", confidence: 0.8 });
    assert.deepEqual(photographed[0], { name: "explicit nudity", confidence: 0.8 });
  });

  it("reports the Sexy class as suggestive, highest category first", () => {
    assert.deepEqual(toModerationLabels({ ...neutral, neutral: 0.3, sexy: 0.6, porn: 0.1 }), [
      { name: "suggestive", confidence: 0.6 },
      { name: "explicit nudity", confidence: 0.1 },
    ]);
  });

  it("always returns both categories, even when the photo is neutral, and never Neutral or Drawing", () => {
    const labels = toModerationLabels({ ...neutral, neutral: 0.5, drawing: 0.5 });
    assert.deepEqual(labels.map((label) => label.name).sort(), ["explicit nudity", "suggestive"]);
    assert.ok(labels.every((label) => label.confidence === 0));
  });
});
