import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";
import { type Database, openDatabase } from "../adapters/sqlite/database.js";
import { createEmbeddedIdentity } from "../composition/embedded-identity.js";

const ISSUER = `${PUBLIC_URL}/api`;

describe("HTTP app: embedded sign-up, sign-in and refresh with real tokens", () => {
  let dir: string;
  let db: Database;
  let harness: ReturnType<typeof createAppHarness>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-http-auth-"));
    db = openDatabase(join(dir, "shoebox.db"));
    const identity = await createEmbeddedIdentity({
      database: db,
      dataDir: dir,
      issuer: ISSUER,
      clientId: "shoebox-web",
      clock: { now: () => new Date() },
      scryptParameters: { N: 1024, r: 8, p: 1 },
    });
    harness = createAppHarness({ accounts: identity.accounts, tokenVerifier: identity.tokenVerifier });
  });

  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    harness.call("POST", path, { json, headers });

  it("signs up (201), then the id token authenticates API calls", async () => {
    const signup = await post("/api/auth/signup", {
      email: "Ada@Example.org",
      password: "analytical",
      name: "Ada",
    });
    assert.equal(signup.status, 201);
    assert.deepEqual(Object.keys(signup.body).sort(), [
      "accessToken",
      "expiresIn",
      "idToken",
      "refreshToken",
      "tokenType",
    ]);
    assert.equal(signup.body.tokenType, "Bearer");

    const bearer = { authorization: `Bearer ${signup.body.idToken}` };
    const me = await harness.call("GET", "/api/me", { headers: bearer });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      userId: decodeJwt(signup.body.idToken).sub,
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

  it("refuses a duplicate email (409) and a short password (400)", async () => {
    const again = await post("/api/auth/signup", {
      email: "ada@example.org",
      password: "analytical",
      name: "Ada 2",
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, "CONFLICT");
    const short = await post("/api/auth/signup", { email: "new@example.org", password: "short", name: "N" });
    assert.equal(short.status, 400);
    assert.match(short.body.error.message, /password/);
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
