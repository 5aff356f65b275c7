import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { cognitoTokenVerifier } from "../../src/composition/cognito-verifier.js";
import type { TokenVerifier } from "../../src/ports/token-verifier.js";
import { CognitoLocal, type CognitoTokens } from "../support/aws/cognito-local.js";

describe("the API's Cognito token verifier (against cognito-local, a Cognito-compatible server)", () => {
  let cognito: CognitoLocal;
  let pool: { poolId: string; clientId: string };
  let tokens: CognitoTokens;
  let verifier: TokenVerifier;

  const verifierFor = (poolId: string, clientId: string) =>
    cognitoTokenVerifier({
      kind: "cognito",
      userPoolId: poolId,
      issuer: cognito.issuerOf(poolId),
      jwksUrl: `${cognito.issuerOf(poolId)}/.well-known/jwks.json`,
      clientId,
    });

  before(async () => {
    cognito = await CognitoLocal.start();
    pool = await cognito.createPoolAndClient("shoebox");
    tokens = await cognito.signUpAndSignIn(pool, {
      email: "ada@example.test",
      password: "Correct-horse-9",
      name: "Ada",
    });
    verifier = verifierFor(pool.poolId, pool.clientId);
  });
  after(() => cognito?.stop());

  it("accepts the id token a user got by signing in, as that user with their email", async () => {
    const principal = await verifier.verify(tokens.IdToken);
    const sub = JSON.parse(Buffer.from(tokens.IdToken.split(".")[1]!, "base64url").toString()).sub;
    assert.equal(principal.userId, sub);
    assert.equal(principal.email, "ada@example.test");
  });

  it("refuses the access token, which carries no email", async () => {
    await assert.rejects(verifier.verify(tokens.AccessToken), {
      name: "UnauthenticatedError",
      message: "Expected an id token",
    });
  });

  it("refuses an id token issued to another client of the same pool", async () => {
    const { UserPoolClient } = await cognito.call("CreateUserPoolClient", {
      UserPoolId: pool.poolId,
      ClientName: "someone-else",
      ExplicitAuthFlows: ["USER_PASSWORD_AUTH"],
    });
    await assert.rejects(verifierFor(pool.poolId, UserPoolClient.ClientId).verify(tokens.IdToken), {
      message: "The token was issued to another client",
    });
  });

  it("refuses an id token from another user pool", async () => {
    const other = await cognito.createPoolAndClient("elsewhere");
    const stranger = await cognito.signUpAndSignIn(other, {
      email: "eve@example.test",
      password: "Correct-horse-9",
      name: "Eve",
    });
    await assert.rejects(verifier.verify(stranger.IdToken), {
      message: "The token was issued by another issuer",
    });
  });

  it("refuses an id token whose payload was altered after signing", async () => {
    const [header, payload, signature] = tokens.IdToken.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url");
    await assert.rejects(verifier.verify(`${header}.${forged}.${signature}`), {
      message: "The token's signature is not valid",
    });
  });
});
