import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { labelMatches, labelStem } from "./label-terms.js";

describe("labelStem", () => {
  it("drops a plain plural -s", () => {
    assert.equal(labelStem("horses"), "horse");
    assert.equal(labelStem("cakes"), "cake");
    assert.equal(labelStem("dogs"), "dog");
  });

  it("drops -es after a sibilant", () => {
    assert.equal(labelStem("boxes"), "box");
    assert.equal(labelStem("benches"), "bench");
    assert.equal(labelStem("dishes"), "dish");
    assert.equal(labelStem("glasses"), "glass");
  });

  it("turns -ies into -y", () => {
    assert.equal(labelStem("puppies"), "puppy");
    assert.equal(labelStem("teddies"), "teddy");
    assert.equal(labelStem("ties"), "tie");
  });

  it("knows the irregular plurals labelers use", () => {
    assert.equal(labelStem("people"), "person");
    assert.equal(labelStem("buses"), "bus");
  });

  it("ignores case and spacing, and singularises only the last word", () => {
    assert.equal(labelStem("  Wine   Glasses "), "wine glass");
    assert.equal(labelStem("Teddy Bears"), "teddy bear");
    assert.equal(labelStem("HORSE"), "horse");
  });

  it("leaves singular words that end in s alone", () => {
    assert.equal(labelStem("bus"), "bus");
    assert.equal(labelStem("glass"), "glass");
    assert.equal(labelStem("cactus"), "cactus");
    assert.equal(labelStem("gas"), "gas");
  });

  it("is idempotent, so stored names and terms meet in one form", () => {
    for (const word of ["horses", "boxes", "puppies", "glass", "person", "wine glasses"]) {
      assert.equal(labelStem(labelStem(word)), labelStem(word));
    }
  });
});

describe("labelMatches", () => {
  it("finds a singular label from a plural term, in any case", () => {
    assert.equal(labelMatches("horse", "Horses"), true);
    assert.equal(labelMatches("teddy bear", "teddy bears"), true);
  });

  it("does not match a different label", () => {
    assert.equal(labelMatches("horse", "house"), false);
    assert.equal(labelMatches("dog", "hotdog"), false);
  });
});
