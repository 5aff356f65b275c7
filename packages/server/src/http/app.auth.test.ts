import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";
import { ManualClock } from "../../test/support/fakes/manual-clock.js";
import { RecordingMailer } from "../../test/support/fakes/recording-mailer.js";
import { type Database, openDatabase } from "../adapters/sqlite/database.js";
import { createEmbeddedIdentity } from "../composition/embedded-identity.js";

const ISSUER = `${PUBLIC_URL}/api`;

describe("HTTP app: embedded sign-up, sign-in and refresh with real tokens", () => {
  let dir: string;
  let db: Database;
  let harness: ReturnType<typeof createAppHarness>;
  const mailer = new RecordingMailer();
  const clock = new ManualClock(new Date());

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-http-auth-"));
    db = openDatabase(join(dir, "shoebox.db"));
    const identity = await createEmbeddedIdentity({
      database: db,
      dataDir: dir,
      issuer: ISSUER,
      clientId: "shoebox-web",
      clock,
      scryptParameters: { N: 1024, r: 8, p: 1 },
      mailer,
    });
    harness = createAppHarness({ accounts: identity.accounts, tokenVerifier: identity.tokenVerifier });
  });

  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    harness.call("POST", path, { json, headers });

  const ADA = { email: "Ada@Example.org", password: "analytical", name: "Ada" };

  it("signs up (202, no tokens) and mails a code; confirming with it (200) signs in with a verified email", async () => {
    const signup = await post("/api/auth/signup", ADA);
    assert.equal(signup.status, 202);
    assert.deepEqual(signup.body, { confirmation: "sent", delivery: "email" });
    const [mail] = mailer.to("ada@example.org");
    assert.match(mail?.subject ?? "", /^Your Shoebox confirmation code: \d{6}$/);

    const confirmed = await post("/api/auth/confirm", {
      email: "ADA@example.org",
      code: mailer.codeFor("ada@example.org"),
      password: "analytical",
    });
    assert.equal(confirmed.status, 200);
    assert.deepEqual(Object.keys(confirmed.body).sort(), [
      "accessToken",
      "expiresIn",
      "idToken",
      "refreshToken",
      "tokenType",
    ]);
    assert.equal(decodeJwt(confirmed.body.idToken).email_verified, true);

    const bearer = { authorization: `Bearer ${confirmed.body.idToken}` };
    const me = await harness.call("GET", "/api/me", { headers: bearer });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      userId: decodeJwt(confirmed.body.idToken).sub,
      email: "ada@example.org",
      name: "Ada",
    });
    const event = await harness.call("POST", "/api/events", {
      json: { name: "Engine demo" },
      headers: bearer,
    });
    assert.equal(event.status, 201);
    assert.equal(event.body.organizerId, me.body.userId);
  });

  it("answers a sign-up with a taken email exactly like a new one, and mails the owner a notice, not a code", async () => {
    const before = mailer.sent.length;
    const taken = await post("/api/auth/signup", {
      email: "ada@EXAMPLE.org",
      password: "other password",
      name: "X",
    });
    const fresh = await post("/api/auth/signup", {
      email: "fresh@example.org",
      password: "other password",
      name: "X",
    });
    assert.equal(taken.status, fresh.status);
    assert.deepEqual(taken.body, fresh.body);
    const [notice] = mailer.sent.slice(before).filter((m) => m.to === "ada@example.org");
    assert.match(notice?.text ?? "", /already has one/);
    assert.doesNotMatch(notice?.text ?? "", /\d{6}/);
    // The account is untouched: the old password still signs in, the new one does not.
    assert.equal(
      (await post("/api/auth/login", { email: "ada@example.org", password: "analytical" })).status,
      200,
    );
    assert.equal(
      (await post("/api/auth/login", { email: "ada@example.org", password: "other password" })).status,
      401,
    );
  });

  it("refuses a short password (400) whether or not the address is taken", async () => {
    const short = await post("/api/auth/signup", { email: "new@example.org", password: "short", name: "N" });
    assert.equal(short.status, 400);
    assert.match(short.body.error.message, /password/);
  });

  it("refuses a wrong code, a right code with another password, an unknown email and a used code alike", async () => {
    await post("/api/auth/signup", { email: "grace@example.org", password: "compiler", name: "Grace" });
    const code = mailer.codeFor("grace@example.org");
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const attempts = [
      { email: "grace@example.org", code: wrongCode, password: "compiler" },
      { email: "grace@example.org", code, password: "not the one" },
      { email: "nobody@example.org", code, password: "compiler" },
    ];
    const answers = [];
    for (const attempt of attempts) answers.push(await post("/api/auth/confirm", attempt));
    assert.ok(answers.every((answer) => answer.status === 400));
    assert.equal(answers[0]?.body.error.code, "INVALID_CONFIRMATION_CODE");
    for (const answer of answers) assert.deepEqual(answer.body, answers[0]?.body);

    const ok = await post("/api/auth/confirm", { email: "grace@example.org", code, password: "compiler" });
    assert.equal(ok.status, 200);
    const again = await post("/api/auth/confirm", { email: "grace@example.org", code, password: "compiler" });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, answers[0]?.body);
  });

  it("lets a code die after 5 wrong guesses or 15 minutes; a new code (resend) works", async () => {
    const email = "linus@example.org";
    await post("/api/auth/signup", { email, password: "penguins", name: "Linus" });
    const code = mailer.codeFor(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) await post("/api/auth/confirm", { email, code: wrong, password: "penguins" });
    assert.equal((await post("/api/auth/confirm", { email, code, password: "penguins" })).status, 400);

    const resent = await post("/api/auth/resend-confirmation", { email });
    assert.equal(resent.status, 202);
    assert.deepEqual(resent.body, { confirmation: "sent", delivery: "email" });
    const second = mailer.codeFor(email);
    clock.advance(15 * 60_000 + 1);
    assert.equal(
      (await post("/api/auth/confirm", { email, code: second, password: "penguins" })).status,
      400,
    );

    await post("/api/auth/resend-confirmation", { email });
    const third = mailer.codeFor(email);
    assert.equal((await post("/api/auth/confirm", { email, code: third, password: "penguins" })).status, 200);
  });

  it("answers resend alike for a pending, a confirmed and an unknown address, mailing only the pending one", async () => {
    await post("/api/auth/signup", { email: "pending@example.org", password: "pending!", name: "P" });
    const before = mailer.sent.length;
    const answers = await Promise.all(
      ["pending@example.org", "ada@example.org", "ghost@example.org"].map((email) =>
        post("/api/auth/resend-confirmation", { email }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.body, answers[0]?.body);
    }
    assert.deepEqual(
      mailer.sent.slice(before).map((m) => m.to),
      ["pending@example.org"],
    );
  });

  it("refuses to sign in a sign-up that was never confirmed exactly like a wrong password", async () => {
    await post("/api/auth/signup", { email: "squat@example.org", password: "squatting", name: "S" });
    const unconfirmed = await post("/api/auth/login", { email: "squat@example.org", password: "squatting" });
    const wrong = await post("/api/auth/login", { email: "ada@example.org", password: "squatting" });
    assert.equal(unconfirmed.status, 401);
    assert.deepEqual(unconfirmed.body, wrong.body);
  });

  it("lets a later sign-up replace an unconfirmed one, so only whoever reads the mail and knows the password gets in", async () => {
    const email = "victim@example.org";
    await post("/api/auth/signup", { email, password: "attacker!", name: "Mallory" });
    await post("/api/auth/signup", { email, password: "victim's own", name: "Victor" });
    const code = mailer.codeFor(email);
    const withAttackerPassword = await post("/api/auth/confirm", { email, code, password: "attacker!" });
    assert.equal(withAttackerPassword.status, 400);
    const confirmed = await post("/api/auth/confirm", { email, code, password: "victim's own" });
    assert.equal(confirmed.status, 200);
    assert.equal(decodeJwt(confirmed.body.idToken).name, "Victor");
  });

  it("logs in (200) and refuses wrong passwords and unknown emails alike (401)", async () => {
    const ok = await post("/api/auth/login", { email: "ADA@example.org", password: "analytical" });
    assert.equal(ok.status, 200);
    const wrong = await post("/api/auth/login", { email: "ada@example.org", password: "difference" });
    const unknown = await post("/api/auth/login", { email: "nobody@example.org", password: "analytical" });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error.code, "INVALID_CREDENTIALS");
  });

  it("rotates refresh tokens: the new pair works and the old refresh token is refused", async () => {
    const login = await post("/api/auth/login", { email: "ada@example.org", password: "analytical" });
    const refreshed = await post("/api/auth/refresh", { refreshToken: login.body.refreshToken });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, login.body.refreshToken);
    const me = await harness.call("GET", "/api/me", {
      headers: { authorization: `Bearer ${refreshed.body.idToken}` },
    });
    assert.equal(me.status, 200);

    const replay = await post("/api/auth/refresh", { refreshToken: login.body.refreshToken });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, "UNAUTHENTICATED");
    const bogus = await post("/api/auth/refresh", { refreshToken: "bogus" });
    assert.equal(bogus.status, 401);
    const missing = await post("/api/auth/refresh", {});
    assert.equal(missing.status, 400);
  });

  it("publishes a JWKS that verifies its tokens, without private parameters", async () => {
    const jwks = await harness.call("GET", "/api/.well-known/jwks.json");
    assert.equal(jwks.status, 200);
    assert.equal(jwks.body.keys.length, 1);
    assert.equal(jwks.body.keys[0].d, undefined);
    const login = await post("/api/auth/login", { email: "ada@example.org", password: "analytical" });
    const { payload } = await jwtVerify(login.body.accessToken, createLocalJWKSet(jwks.body), {
      issuer: ISSUER,
    });
    assert.equal(payload.token_use, "access");
  });

  it("accepts only the configured token kind as bearer (id), refusing the access token", async () => {
    const login = await post("/api/auth/login", { email: "ada@example.org", password: "analytical" });
    const res = await harness.call("GET", "/api/me", {
      headers: { authorization: `Bearer ${login.body.accessToken}` },
    });
    assert.equal(res.status, 401);
    assert.match(res.body.error.message, /id token/);
  });

  it("does not mount the auth routes when the host has no account service (AWS)", async () => {
    const aws = createAppHarness();
    assert.equal(
      (await aws.call("POST", "/api/auth/login", { json: { email: "a@b.c", password: "x" } })).status,
      404,
    );
    assert.equal((await aws.call("GET", "/api/.well-known/jwks.json")).status, 404);
  });
});
