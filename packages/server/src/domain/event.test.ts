import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEmail } from "./email.js";
import { ValidationError } from "./errors.js";
import { parseEventDetails } from "./event.js";

describe(parseEventDetails.name, () => {
  it("trims the name and drops a blank description and start", () => {
    assert.deepEqual(parseEventDetails({ name: " Party ", description: " ", startsAt: "" }), {
      name: "Party",
    });
  });

  it("accepts real ISO dates and date-times with an offset", () => {
    for (const startsAt of ["2028-02-29", "2026-07-01T18:00Z", "2026-07-01T18:00:00.123+02:00"]) {
      assert.equal(parseEventDetails({ name: "x", startsAt }).startsAt, startsAt);
    }
  });

  it("refuses impossible dates, missing offsets and other formats", () => {
    for (const startsAt of [
      "2026-02-29",
      "2026-13-01",
      "2026-07-01T25:00Z",
      "2026-07-01T18:00",
      "01/07/2026",
      "now",
    ]) {
      assert.throws(() => parseEventDetails({ name: "x", startsAt }), ValidationError, startsAt);
    }
  });
});

describe(parseEmail.name, () => {
  it("normalises case and surrounding spaces", () => {
    assert.equal(parseEmail("  Ann.Lee+party@Example.COM "), "ann.lee+party@example.com");
  });

  it("refuses what cannot be an address", () => {
    for (const email of [
      "",
      "ann",
      "ann@",
      "@example.com",
      "ann@example",
      "a b@example.com",
      "ann@@example.com",
      `${"a".repeat(250)}@example.com`,
    ]) {
      assert.throws(() => parseEmail(email), ValidationError, email);
    }
  });
});
