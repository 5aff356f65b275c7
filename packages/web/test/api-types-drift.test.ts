import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { GENERATED_TYPES_PATH, generateApiTypes, REGENERATE_COMMAND } from "../scripts/api-types.js";

describe("the web client's generated API types", () => {
  it("match what the server's OpenAPI document generates today", async () => {
    const generated = await generateApiTypes();
    const checkedIn = readFileSync(GENERATED_TYPES_PATH, "utf8");
    assert.ok(
      generated === checkedIn,
      `src/api/schema.gen.ts is out of date with the server's routes: run \`${REGENERATE_COMMAND}\` and commit it`,
    );
  });
});
