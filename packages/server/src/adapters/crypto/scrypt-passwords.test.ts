import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hashPassword, verifyPassword } from "./scrypt-passwords.js";

describe("password hasher (scrypt)", () => {
  it("verifies the right password and refuses a wrong one, with production parameters", async () => {
    const stored = await hashPassword("correct horse battery");
    assert.match(stored, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(await verifyPassword("correct horse battery", stored), true);
    assert.equal(await verifyPassword("correct horse battery!", stored), false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const params = { N: 1024, r: 8, p: 1 };
    assert.notEqual(await hashPassword("same password", params), await hashPassword("same password", params));
  });

  it("verifies with the parameters stored in the hash, not the current defaults", async () => {
    const stored = await hashPassword("older hash", { N: 2048, r: 4, p: 2 });
    assert.equal(await verifyPassword("older hash", stored), true);
  });

  it("refuses a stored value that is not a scrypt hash", async () => {
    assert.equal(await verifyPassword("x", "bcrypt$whatever"), false);
  });
});
