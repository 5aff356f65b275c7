import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { RecordingMailer } from "../../../test/support/fakes/recording-mailer.js";
import { scryptPasswordHasher } from "../../adapters/crypto/scrypt-password-hasher.js";
import { loadOrCreateSigningKey } from "../../adapters/identity/signing-key-store.js";
import { JwtTokenIssuer } from "../../adapters/identity/token-issuer.js";
import { type Database, openDatabase } from "../../adapters/sqlite/database.js";
import { SqliteAccountStore } from "../../adapters/sqlite/sqlite-account-store.js";
import { SqlitePendingSignUpStore } from "../../adapters/sqlite/sqlite-pending-sign-up-store.js";
import { createEmbeddedIdentity } from "../../composition/embedded-identity.js";
import { InvalidCredentialsError, UnauthenticatedError, ValidationError } from "../../domain/errors.js";
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
  const mailer = new RecordingMailer();
  /** Signs up and confirms with the mailed code, as a user who reads their mail does. */
  const register = async (input: { email: string; password: string; name: string }) => {
    await sut.signUp(input);
    const code = mailer.codeFor(input.email.trim().toLowerCase());
    return sut.confirmSignUp({ email: input.email, code, password: input.password });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-accounts-"));
    db = openDatabase(join(dir, "shoebox.db"));
    clock = new MovableClock(new Date());
    const key = await loadOrCreateSigningKey(dir);
    const tokens = new JwtTokenIssuer({ key, issuer: ISSUER, clientId: CLIENT_ID, clock });
    sut = new AccountService({
      store: new SqliteAccountStore(db),
      pendingSignUps: new SqlitePendingSignUpStore(db),
      mailer,
      passwords: scryptPasswordHasher(fastScrypt),
      tokens,
      clock,
    });
  });

  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs up with a normalised email and, once confirmed, returns Cognito-shaped tokens", async () => {
    const tokens = await register({ email: "  Ada@Example.ORG ", password: "correct horse", name: "Ada" });
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
    assert.equal(id.email_verified, true);
    assert.equal(id.name, "Ada");
    assert.equal(id["cognito:username"], access.sub);
    assert.equal(id.sub, access.sub);
    assert.equal(decodeProtectedHeader(tokens.accessToken).alg, "RS256");
    assert.notEqual(access.jti, id.jti);
  });

  it("answers a second sign-up with the same email (however typed) like a first, mailing a notice instead", async () => {
    await register({ email: "grace@example.org", password: "password1", name: "Grace" });
    const again = await sut.signUp({ email: "GRACE@example.org", password: "password2", name: "Grace 2" });
    assert.deepEqual(
      again,
      await sut.signUp({ email: "hopper@example.org", password: "password2", name: "H" }),
    );
    assert.match(mailer.to("grace@example.org").at(-1)?.subject ?? "", /tried to sign up/);
    await assert.rejects(
      sut.signIn({ email: "grace@example.org", password: "password2" }),
      InvalidCredentialsError,
    );
  });

  it("stores only a hash of the confirmation code", async () => {
    await sut.signUp({ email: "coded@example.org", password: "password1", name: "C" });
    const code = mailer.codeFor("coded@example.org");
    const row = db
      .prepare("SELECT * FROM identity_pending_sign_ups WHERE email = ?")
      .get("coded@example.org");
    assert.ok(row);
    assert.ok(!JSON.stringify(row).includes(code));
  });

  it("refuses a password shorter than 8 characters, a bad email and a blank name", async () => {
    await assert.rejects(sut.signUp({ email: "x@example.org", password: "short", name: "X" }), /at least 8/);
    await assert.rejects(sut.signUp({ email: "nope", password: "long enough", name: "X" }), ValidationError);
    await assert.rejects(sut.signUp({ email: "y@example.org", password: "long enough", name: "  " }), /name/);
  });

  it("signs in with the right password, whatever the email's case", async () => {
    await register({ email: "linus@example.org", password: "penguins!", name: "Linus" });
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
    const first = await register({ email: "rot@example.org", password: "rotation!", name: "Rot" });
    const second = await sut.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(decodeJwt(second.accessToken).sub, decodeJwt(first.accessToken).sub);
    assert.equal(decodeJwt(second.accessToken).auth_time, decodeJwt(first.accessToken).auth_time);
    await assert.rejects(sut.refresh(first.refreshToken), /already used/);
  });

  it("revokes the whole family when a rotated refresh token is replayed", async () => {
    const first = await register({ email: "theft@example.org", password: "stolen!!", name: "T" });
    const second = await sut.refresh(first.refreshToken);
    await assert.rejects(sut.refresh(first.refreshToken), UnauthenticatedError);
    await assert.rejects(sut.refresh(second.refreshToken), /not valid/);
  });

  it("refuses an unknown refresh token and one older than 30 days", async () => {
    await assert.rejects(sut.refresh("made-up"), UnauthenticatedError);
    const tokens = await register({ email: "old@example.org", password: "ancient!", name: "Old" });
    clock.advanceSeconds(30 * 24 * 3600 + 1);
    await assert.rejects(sut.refresh(tokens.refreshToken), /expired/);
  });

  it("stores refresh tokens hashed, never as issued", async () => {
    const tokens = await register({ email: "hash@example.org", password: "hashed!!", name: "H" });
    const rows = db.prepare("SELECT token_hash FROM identity_refresh_tokens").all() as {
      token_hash: string;
    }[];
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.token_hash !== tokens.refreshToken));
    const users = db.prepare("SELECT password_hash FROM identity_users").all() as { password_hash: string }[];
    assert.ok(users.every((u) => u.password_hash.startsWith("scrypt$1024$8$1$")));
  });
});

describe("SqliteAccountStore on a database from before email confirmation", () => {
  it("adds the column and keeps old accounts, unverified", () => {
    const dir = mkdtempSync(join(tmpdir(), "shoebox-legacy-"));
    const db = openDatabase(join(dir, "old.db"));
    try {
      db.exec(`CREATE TABLE identity_users (
        id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        password_hash TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT`);
      db.prepare("INSERT INTO identity_users VALUES ('u1', 'old@example.org', 'Old', 'scrypt$x', 0)").run();
      const store = new SqliteAccountStore(db);
      assert.equal(store.findUserByEmail("old@example.org")?.emailVerified, false);
      new SqliteAccountStore(db); // idempotent
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("createEmbeddedIdentity", () => {
  it("persists the signing key (mode 0600) so tokens verify after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shoebox-identity-"));
    try {
      const mailer = new RecordingMailer();
      const options = {
        dataDir: dir,
        issuer: ISSUER,
        clientId: CLIENT_ID,
        clock: { now: () => new Date() },
        mailer,
      };
      const db1 = openDatabase(join(dir, "a.db"));
      const first = await createEmbeddedIdentity({ ...options, database: db1, scryptParameters: fastScrypt });
      await first.accounts.signUp({ email: "r@example.org", password: "restart!", name: "R" });
      const tokens = await first.accounts.confirmSignUp({
        email: "r@example.org",
        code: mailer.codeFor("r@example.org"),
        password: "restart!",
      });
      db1.close();

      const keyFile = join(dir, "identity", "signing-key.json");
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);

      const db2 = openDatabase(join(dir, "a.db"));
      const second = await createEmbeddedIdentity({ ...options, database: db2 });
      const principal = await second.tokenVerifier.verify(tokens.idToken);
      assert.deepEqual(principal, {
        userId: decodeJwt(tokens.idToken).sub,
        email: "r@example.org",
        emailVerified: true,
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
