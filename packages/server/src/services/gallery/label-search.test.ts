import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makePhoto } from "../../../test/support/fixtures.js";
import { ValidationError } from "../../domain/errors.js";
import { parseLabelTerms, planLabelSearch } from "./label-search.js";

const withLabels = (...names: string[]) =>
  makePhoto({ id: "p", labels: names.map((name) => ({ name, confidence: 0.9 })) });

describe("parseLabelTerms", () => {
  it("reduces terms to their stems, once each", () => {
    assert.deepEqual(parseLabelTerms(["Horses", "horse", "DOGS"]), ["horse", "dog"]);
  });

  it("refuses more terms than a search takes, and malformed ones", () => {
    assert.throws(() => parseLabelTerms(["a", "b", "c", "d", "e", "f"]), ValidationError);
    assert.throws(() => parseLabelTerms(["<script>"]), ValidationError);
  });
});

describe("planLabelSearch", () => {
  const counts = [
    { name: "person", count: 40 },
    { name: "horse", count: 7 },
    { name: "dog", count: 3 },
  ];

  it("drives the search with the rarest term's stored name and keeps photos carrying every term", () => {
    const plan = planLabelSearch(["horse", "person"], counts);
    assert.equal(plan?.driver, "horse");
    assert.equal(plan?.matches(withLabels("person", "horse")), true);
    assert.equal(plan?.matches(withLabels("horse")), false);
  });

  it("finds nothing when the event has no photo with one of the terms", () => {
    assert.equal(planLabelSearch(["horse", "cake"], counts), undefined);
  });

  it("matches stored plural names from a singular term", () => {
    const plan = planLabelSearch(["glass"], [{ name: "glasses", count: 2 }]);
    assert.equal(plan?.driver, "glasses");
    assert.equal(plan?.matches(withLabels("glasses")), true);
  });

  it("drives with the first stem when there are no counts (a library)", () => {
    assert.equal(planLabelSearch(["dog", "person"])?.driver, "dog");
  });
});
