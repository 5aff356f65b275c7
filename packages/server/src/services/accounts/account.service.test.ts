import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { loadOrCreateSigningKey } from "../../adapters/identity/signing-key-store.js";
import { TokenIssuer } from "../../adapters/identity/token-issuer.js";
import { type Database, openDatabase } from "../../adapters/sqlite/database.js";
import { SqliteAccountStore } from "../../adapters/sqlite/sqlite-account-store.js";
import { createEmbeddedIdentity } from "../../composition/embedded-identity.js";
import {
  ConflictError,
  InvalidCredentialsError,
  UnauthenticatedError,
  ValidationError,
} from "../../domain/errors.js";
import { AccountService } from "./account.service.js";

/** Cheap scrypt so the suite stays fast; production parameters are exercised by password-hasher tests. */
const fastScrypt = { N: 2 ** 10, r: 8, p: 1 };
const ISSUER = "http://127.0.0.1:8080/api";
const CLIENT_ID = "shoebox-web";

class MovableClock {
  constructor(public current: Date) {}
  now = () => this.current;
  advanceSeconds(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

describe("AccountService (embedded identity on SQLite)", () => {
  let dir: string;
  let db: Database;
  let clock: MovableClock;
  let sut: AccountService;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-accounts-"));
    db = openDatabase(join(dir, "shoebox.db"));
    clock = new MovableClock(new Date());
    const key = await loadOrCreateSigningKey(dir);
    const tokens = new TokenIssuer({ key, issuer: ISSUER, clientId: CLIENT_ID, clock });
    sut = new AccountService({
      store: new SqliteAccountStore(db),
      tokens,
      clock,
      scryptParameters: fastScrypt,
    });
  });

  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs up with a normalised email and returns Cognito-shaped tokens", async () => {
    const tokens = await sut.signUp({ email: "  Ada@Example.ORG ", password: "correct horse", name: "Ada" });
    assert.equal(tokens.tokenType, "Bearer");
    assert.equal(tokens.expiresIn, 3600);
    const access = decodeJwt(tokens.accessToken);
    const id = decodeJwt(tokens.idToken);
    assert.equal(access.token_use, "access");
    assert.equal(access.client_id, CLIENT_ID);
    assert.equal(access.scope, "openid email profile");
    assert.equal(access.iss, ISSUER);
    assert.equal(access.username, access.sub);
    assert.equal(access.exp! - access.iat!, 3600);
    assert.equal(typeof access.jti, "string");
    assert.equal(typeof access.auth_time, "number");
    assert.equal(id.token_use, "id");
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.email, "ada@example.org");
    assert.equal(id.name, "Ada");
    assert.equal(id["cognito:username"], access.sub);
    assert.equal(id.sub, access.sub);
    assert.equal(decodeProtectedHeader(tokens.accessToken).alg, "RS256");
    assert.notEqual(access.jti, id.jti);
  });

  it("refuses a second account with the same email however it is typed", async () => {
    await sut.signUp({ email: "grace@example.org", password: "password1", name: "Grace" });
    await assert.rejects(
      sut.signUp({ email: "GRACE@example.org", password: "password2", name: "Grace 2" }),
      ConflictError,
    );
  });

  it("refuses a password shorter than 8 characters, a bad email and a blank name", async () => {
    await assert.rejects(sut.signUp({ email: "x@example.org", password: "short", name: "X" }), /at least 8/);
    await assert.rejects(sut.signUp({ email: "nope", password: "long enough", name: "X" }), ValidationError);
    await assert.rejects(sut.signUp({ email: "y@example.org", password: "long enough", name: "  " }), /name/);
  });

  it("signs in with the right password, whatever the email's case", async () => {
    await sut.signUp({ email: "linus@example.org", password: "penguins!", name: "Linus" });
    const tokens = await sut.signIn({ email: "Linus@Example.org", password: "penguins!" });
    assert.equal(decodeJwt(tokens.idToken).email, "linus@example.org");
  });

  it("answers a wrong password and an unknown email with the same error", async () => {
    const wrong = await sut
      .signIn({ email: "linus@example.org", password: "penguins?" })
      .catch((e: unknown) => e);
    const unknown = await sut
      .signIn({ email: "nobody@example.org", password: "penguins!" })
      .catch((e: unknown) => e);
    assert.ok(wrong instanceof InvalidCredentialsError);
    assert.ok(unknown instanceof InvalidCredentialsError);
    assert.equal(wrong.message, unknown.message);
  });

  it("rotates refresh tokens: the new one works, the old one is refused", async () => {
    const first = await sut.signUp({ email: "rot@example.org", password: "rotation!", name: "Rot" });
    const second = await sut.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(decodeJwt(second.accessToken).sub, decodeJwt(first.accessToken).sub);
    assert.equal(decodeJwt(second.accessToken).auth_time, decodeJwt(first.accessToken).auth_time);
    await assert.rejects(sut.refresh(first.refreshToken), /already used/);
  });

  it("revokes the whole family when a rotated refresh token is replayed", async () => {
    const first = await sut.signUp({ email: "theft@example.org", password: "stolen!!", name: "T" });
    const second = await sut.refresh(first.refreshToken);
    await assert.rejects(sut.refresh(first.refreshToken), UnauthenticatedError);
    await assert.rejects(sut.refresh(second.refreshToken), /not valid/);
  });

  it("refuses an unknown refresh token and one older than 30 days", async () => {
    await assert.rejects(sut.refresh("made-up"), UnauthenticatedError);
    const tokens = await sut.signUp({ email: "old@example.org", password: "ancient!", name: "Old" });
    clock.advanceSeconds(30 * 24 * 3600 + 1);
    await assert.rejects(sut.refresh(tokens.refreshToken), /expired/);
  });

  it("stores refresh tokens hashed, never as issued", async () => {
    const tokens = await sut.signUp({ email: "hash@example.org", password: "hashed!!", name: "H" });
    const rows = db.prepare("SELECT token_hash FROM identity_refresh_tokens").all() as {
      token_hash: string;
    }[];
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.token_hash !== tokens.refreshToken));
    const users = db.prepare("SELECT password_hash FROM identity_users").all() as { password_hash: string }[];
    assert.ok(users.every((u) => u.password_hash.startsWith("scrypt$1024$8$1$")));
  });
});

describe("createEmbeddedIdentity", () => {
  it("persists the signing key (mode 0600) so tokens verify after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shoebox-identity-"));
    try {
      const options = { dataDir: dir, issuer: ISSUER, clientId: CLIENT_ID, clock: { now: () => new Date() } };
      const db1 = openDatabase(join(dir, "a.db"));
      const first = await createEmbeddedIdentity({ ...options, database: db1, scryptParameters: fastScrypt });
      const tokens = await first.accounts.signUp({ email: "r@example.org", password: "restart!", name: "R" });
      db1.close();

      const keyFile = join(dir, "identity", "signing-key.json");
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);

      const db2 = openDatabase(join(dir, "a.db"));
      const second = await createEmbeddedIdentity({ ...options, database: db2 });
      const principal = await second.tokenVerifier.verify(tokens.idToken);
      assert.deepEqual(principal, {
        userId: decodeJwt(tokens.idToken).sub,
        email: "r@example.org",
        name: "R",
      });
      assert.deepEqual(second.accounts.jwks(), first.accounts.jwks());
      const [jwk] = second.accounts.jwks().keys;
      assert.equal(jwk?.kid, decodeProtectedHeader(tokens.idToken).kid);
      assert.equal(jwk?.d, undefined, "the JWKS must not publish the private exponent");
      await second.accounts.signIn({ email: "r@example.org", password: "restart!" });
      db2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives two processes starting together the same key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shoebox-identity-"));
    try {
      const keys = await Promise.all([
        loadOrCreateSigningKey(dir),
        loadOrCreateSigningKey(dir),
        loadOrCreateSigningKey(dir),
      ]);
      assert.equal(new Set(keys.map((k) => k.kid)).size, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
