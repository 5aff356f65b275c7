import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";
import { ManualClock } from "../../test/support/fakes/manual-clock.js";
import { RecordingMailer } from "../../test/support/fakes/recording-mailer.js";
import { FixedWindowRateLimiter } from "../adapters/in-process/fixed-window-rate-limiter.js";
import { type Database, openDatabase } from "../adapters/sqlite/database.js";
import { createEmbeddedIdentity } from "../composition/embedded-identity.js";

const LIMIT = 3;

describe("HTTP app: rate limits on sign-in, sign-up and tickets", () => {
  let dir: string;
  let db: Database;
  let h: ReturnType<typeof createAppHarness>;
  const clock = new ManualClock();
  const limiter = () => new FixedWindowRateLimiter({ limit: LIMIT, windowSeconds: 60, clock });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-http-limits-"));
    db = openDatabase(join(dir, "shoebox.db"));
    const identity = await createEmbeddedIdentity({
      database: db,
      dataDir: dir,
      issuer: `${PUBLIC_URL}/api`,
      clientId: "shoebox-web",
      clock: { now: () => new Date() },
      scryptParameters: { N: 1024, r: 8, p: 1 },
      mailer: new RecordingMailer(),
    });
    h = createAppHarness({
      accounts: identity.accounts,
      rateLimits: { signIn: limiter(), signUp: limiter(), tickets: limiter() },
    });
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (email: string, client: string, password = "wrong password") =>
    h.call("POST", "/api/auth/login", { json: { email, password }, headers: { "x-test-client": client } });

  it("answers 429 with Retry-After once one address has used up its sign-in attempts", async () => {
    for (let i = 0; i < LIMIT; i++)
      assert.equal((await login(`a${i}@example.test`, "192.0.2.1")).status, 401);
    const limited = await login("another@example.test", "192.0.2.1");
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "RATE_LIMITED");
    assert.equal(limited.headers.get("retry-after"), "60");
    assert.equal((await login("another@example.test", "192.0.2.2")).status, 401, "other addresses go on");
  });

  it("limits attempts on one email across addresses, so a distributed guess is slowed too", async () => {
    for (let i = 0; i < LIMIT; i++) await login("target@example.test", `203.0.113.${i}`);
    assert.equal((await login("TARGET@example.test", "203.0.113.200")).status, 429);
  });

  it("limits sign-ups per address", async () => {
    const signUp = (i: number) =>
      h.call("POST", "/api/auth/signup", {
        json: { email: `new${i}@example.test`, password: "long enough", name: "N" },
        headers: { "x-test-client": "198.51.100.1" },
      });
    for (let i = 0; i < LIMIT; i++) assert.equal((await signUp(i)).status, 202);
    assert.equal((await signUp(99)).status, 429);
  });

  it("limits sign-ups and new codes per email across addresses, so nobody floods one inbox", async () => {
    const json = { email: "inbox@example.test", password: "long enough", name: "N" };
    for (let i = 0; i < LIMIT; i++) {
      const res = await h.call("POST", "/api/auth/signup", {
        json,
        headers: { "x-test-client": `192.0.2.${50 + i}` },
      });
      assert.equal(res.status, 202);
    }
    const resend = await h.call("POST", "/api/auth/resend-confirmation", {
      json: { email: "INBOX@example.test" },
      headers: { "x-test-client": "192.0.2.99" },
    });
    assert.equal(resend.status, 429);
  });

  it("limits upload tickets per user", async () => {
    const body = { filename: "a.jpg", contentType: "image/jpeg", size: 100 };
    for (let i = 0; i < LIMIT; i++) {
      assert.equal(
        (await h.call("POST", "/api/photos/initiate-upload", { as: "erin", json: body })).status,
        201,
      );
    }
    assert.equal(
      (await h.call("POST", "/api/photos/initiate-upload", { as: "erin", json: body })).status,
      429,
    );
    assert.equal(
      (await h.call("POST", "/api/photos/initiate-upload", { as: "fred", json: body })).status,
      201,
    );
  });

  it("limits direct uploads per user, counted before the body is read", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    const upload = (as: string) =>
      h.call("POST", "/api/photos", { as, body: jpeg, headers: { "content-type": "image/jpeg" } });
    for (let i = 0; i < LIMIT; i++) assert.equal((await upload("gina")).status, 201);
    const limited = await upload("gina");
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, "RATE_LIMITED");
    assert.ok(limited.headers.get("retry-after"));
    assert.equal((await upload("hank")).status, 201, "other users go on");
  });
});
