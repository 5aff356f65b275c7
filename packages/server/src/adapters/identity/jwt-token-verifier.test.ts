import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { base64url, type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { UnauthenticatedError } from "../../domain/errors.js";
import { JwtTokenVerifier, type JwtTokenVerifierOptions } from "./jwt-token-verifier.js";

const ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test123";
const CLIENT_ID = "client-abc";
const KID = "key-1";

let privateKey: CryptoKey;
let publicJwk: JWK;
let otherPrivateKey: CryptoKey;

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** A token shaped like Cognito's, with any claim or header overridden. */
function token(
  claims: Record<string, unknown>,
  options: { key?: CryptoKey | Uint8Array; alg?: string; kid?: string } = {},
): Promise<string> {
  const iat = now();
  return new SignJWT({ iss: ISSUER, sub: "user-1", iat, exp: iat + 3600, ...claims })
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? KID })
    .sign(options.key ?? privateKey);
}

const accessClaims = { token_use: "access", client_id: CLIENT_ID, scope: "openid", username: "user-1" };
const idClaims = { token_use: "id", aud: CLIENT_ID, email: "ada@example.org", name: "Ada" };

function verifier(overrides: Partial<JwtTokenVerifierOptions> = {}): JwtTokenVerifier {
  return new JwtTokenVerifier({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    tokenUse: "access",
    jwks: { keys: [publicJwk] },
    ...overrides,
  });
}

async function refusal(sut: JwtTokenVerifier, jwt: string): Promise<string> {
  const error = await sut.verify(jwt).then(
    () => assert.fail("expected the token to be refused"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UnauthenticatedError, `expected UnauthenticatedError, got ${String(error)}`);
  return error.message;
}

describe("JwtTokenVerifier", () => {
  before(async () => {
    ({ privateKey } = await generateKeyPair("RS256", { extractable: true }));
    publicJwk = { ...(await exportJWK(privateKey)), kid: KID, alg: "RS256", use: "sig" };
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"] as const) delete publicJwk[secret];
    ({ privateKey: otherPrivateKey } = await generateKeyPair("RS256"));
  });

  it("accepts a valid access token and returns the subject as user id", async () => {
    assert.deepEqual(await verifier().verify(await token(accessClaims)), {
      userId: "user-1",
      emailVerified: false,
    });
  });

  it("accepts a valid id token and returns email and name", async () => {
    const principal = await verifier({ tokenUse: "id" }).verify(await token(idClaims));
    assert.deepEqual(principal, {
      userId: "user-1",
      email: "ada@example.org",
      name: "Ada",
      emailVerified: false,
    });
  });

  it("reads email_verified as Cognito writes it (boolean), or as an attribute string", async () => {
    const verifiedAs = async (value: unknown) =>
      (await verifier({ tokenUse: "id" }).verify(await token({ ...idClaims, email_verified: value })))
        .emailVerified;
    assert.equal(await verifiedAs(true), true);
    assert.equal(await verifiedAs("true"), true);
    assert.equal(await verifiedAs(false), false);
    assert.equal(await verifiedAs("false"), false);
    assert.equal(await verifiedAs(1), false);
  });

  it("refuses an expired token", async () => {
    const jwt = await token({ ...accessClaims, iat: now() - 7200, exp: now() - 60 });
    assert.match(await refusal(verifier(), jwt), /expired/);
  });

  it("tolerates a few seconds of clock skew", async () => {
    const jwt = await token({ ...accessClaims, iat: now() - 3600, exp: now() - 2 });
    assert.equal((await verifier().verify(jwt)).userId, "user-1");
  });

  it("refuses a token that is not valid yet", async () => {
    const jwt = await token({ ...accessClaims, nbf: now() + 600 });
    assert.match(await refusal(verifier(), jwt), /nbf/);
  });

  it("refuses a token from another issuer", async () => {
    const jwt = await token({ ...accessClaims, iss: "https://evil.example" });
    assert.match(await refusal(verifier(), jwt), /another issuer/);
  });

  it("refuses an access token issued to another client", async () => {
    const jwt = await token({ ...accessClaims, client_id: "someone-else" });
    assert.match(await refusal(verifier(), jwt), /another client/);
  });

  it("refuses an id token whose audience is another client", async () => {
    const jwt = await token({ ...idClaims, aud: "someone-else" });
    assert.match(await refusal(verifier({ tokenUse: "id" }), jwt), /another client/);
  });

  it("refuses an id token where an access token is expected, and the reverse", async () => {
    assert.match(
      await refusal(verifier(), await token({ ...idClaims, client_id: CLIENT_ID })),
      /access token/,
    );
    assert.match(
      await refusal(verifier({ tokenUse: "id" }), await token({ ...accessClaims, aud: CLIENT_ID })),
      /id token/,
    );
  });

  it("refuses a token signed by another key with the same kid", async () => {
    const jwt = await token(accessClaims, { key: otherPrivateKey });
    assert.match(await refusal(verifier(), jwt), /signature/);
  });

  it("refuses a token whose kid is not in the key set", async () => {
    const jwt = await token(accessClaims, { kid: "unknown-kid" });
    assert.match(await refusal(verifier(), jwt), /signature/);
  });

  it("refuses an unsigned token (alg none)", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", kid: KID }));
    const payload = base64url.encode(
      JSON.stringify({ iss: ISSUER, sub: "user-1", iat: now(), exp: now() + 60, ...accessClaims }),
    );
    assert.match(await refusal(verifier(), `${header}.${payload}.`), /algorithm|malformed/);
  });

  it("refuses an HS256 token keyed with the public key (algorithm confusion)", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const jwt = await token(accessClaims, { key: secret, alg: "HS256" });
    assert.match(await refusal(verifier(), jwt), /algorithm/);
  });

  it("refuses a token with a tampered payload", async () => {
    const [header, , signature] = (await token(accessClaims)).split(".");
    const forged = base64url.encode(
      JSON.stringify({ iss: ISSUER, sub: "admin", iat: now(), exp: now() + 60, ...accessClaims }),
    );
    assert.match(await refusal(verifier(), `${header}.${forged}.${signature}`), /signature/);
  });

  it("refuses garbage and a token without a subject", async () => {
    assert.match(await refusal(verifier(), "not-a-jwt"), /malformed/);
    const noSub = await new SignJWT({ ...accessClaims, iss: ISSUER })
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    assert.match(await refusal(verifier(), noSub), /sub/);
  });

  describe("with a remote JWKS (as for Cognito)", () => {
    let server: Server;
    let jwksUrl: string;
    let jwksRequests = 0;

    before(async () => {
      server = createServer((req, res) => {
        jwksRequests++;
        if (req.url !== "/eu-west-1_Test123/.well-known/jwks.json") return void res.writeHead(404).end();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      jwksUrl = `http://127.0.0.1:${port}/eu-west-1_Test123/.well-known/jwks.json`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fetches the key set once and verifies tokens with it", async () => {
      const sut = verifier({ jwks: { url: jwksUrl } });
      assert.equal((await sut.verify(await token(accessClaims))).userId, "user-1");
      assert.equal((await sut.verify(await token(accessClaims))).userId, "user-1");
      assert.equal(jwksRequests, 1);
      assert.match(await refusal(sut, await token(accessClaims, { key: otherPrivateKey })), /signature/);
    });
  });
});
