// @vitest-environment node
/// <reference types="node" />
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtTokenVerifier } from "../../../../server/src/adapters/identity/jwt-token-verifier.js";
import { CognitoLocal } from "../../../../server/test/support/aws/cognito-local.js";
import { ConflictError, InvalidRequestError, UnauthorizedError } from "../../api/api-errors.js";
import { AccountNotConfirmedError } from "./auth-errors.js";
import { CognitoAuthClient } from "./cognito-auth-client.js";

const REGION = "local";
const PASSWORD = "Correct-horse-42";

describe("CognitoAuthClient against cognito-local", () => {
  let server: CognitoLocal;
  let admin: CognitoIdentityProviderClient;
  let poolId: string;
  let clientId: string;
  let serial = 0;

  beforeAll(async () => {
    server = await CognitoLocal.start();
    // Admin calls are signed; cognito-local accepts any credentials.
    admin = new CognitoIdentityProviderClient({
      region: REGION,
      endpoint: server.url,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const { UserPool } = await admin.send(
      new CreateUserPoolCommand({ PoolName: "shoebox-web", UsernameAttributes: ["email"] }),
    );
    const { UserPoolClient } = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool?.Id,
        ClientName: "shoebox-web",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    poolId = UserPool?.Id ?? "";
    clientId = UserPoolClient?.ClientId ?? "";
  });

  afterAll(async () => {
    admin?.destroy();
    await server?.stop();
  });

  const newClient = () =>
    new CognitoAuthClient({ region: REGION, userPoolClientId: clientId, endpoint: server.url });
  const newUser = () => {
    serial += 1;
    return { email: `guest${serial}@example.org`, password: PASSWORD, name: `Guest ${serial}` };
  };
  const adminConfirm = (email: string) =>
    admin.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: email }));

  it("signs up, is confirmed, signs in, refreshes quietly and signs out", async () => {
    const auth = newClient();
    const user = newUser();

    const outcome = await auth.signUp(user);
    expect(outcome.status).toBe("confirmationRequired");
    await adminConfirm(user.email);

    const session = await auth.signIn(user);
    // Real Cognito also puts the `name` attribute in the id token; cognito-local puts only email (and custom:*).
    expect(session.user).toMatchObject({ email: user.email });
    expect(session.user.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await auth.currentToken()).toBe(session.idToken);

    const renewed = await auth.refresh();
    expect(renewed?.user.userId).toBe(session.user.userId);
    expect(renewed?.refreshToken).toBe(session.refreshToken);

    await auth.signOut();
    expect(auth.session()).toBeNull();
    expect(await auth.currentToken()).toBeNull();
  });

  it("confirms an account with the code Cognito would have emailed", async () => {
    const auth = newClient();
    const user = newUser();
    await auth.signUp(user);

    await expect(
      auth.confirmSignUp({ email: user.email, code: "000000x", password: user.password }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    await auth.confirmSignUp({
      email: user.email,
      code: server.confirmationCodeOf(poolId, user.email),
      password: user.password,
    });

    expect((await auth.signIn(user)).user.email).toBe(user.email);
  });

  it("issues an id token that the API's verifier accepts for this pool and client", async () => {
    const auth = newClient();
    const user = newUser();
    await auth.signUp(user);
    await adminConfirm(user.email);
    const session = await auth.signIn(user);
    const issuer = `${server.url}/${poolId}`;
    const verifier = new JwtTokenVerifier({
      issuer,
      clientId,
      tokenUse: "id",
      jwks: { url: `${issuer}/.well-known/jwks.json` },
    });

    const principal = await verifier.verify(session.idToken);

    expect(principal).toMatchObject({ userId: session.user.userId, email: user.email });
  });

  it("refuses a wrong password with UnauthorizedError", async () => {
    const auth = newClient();
    const user = newUser();
    await auth.signUp(user);
    await adminConfirm(user.email);

    const attempt = auth.signIn({ email: user.email, password: "Wrong-password-1" });

    await expect(attempt).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(attempt).rejects.toThrow("That email and password do not match an account.");
    expect(auth.session()).toBeNull();
  });

  it("asks an unconfirmed user for the emailed code instead of signing in", async () => {
    const auth = newClient();
    const user = newUser();
    await auth.signUp(user);

    await expect(auth.signIn(user)).rejects.toBeInstanceOf(AccountNotConfirmedError);
  });

  it("says so when the email already has an account", async () => {
    const auth = newClient();
    const user = newUser();
    await auth.signUp(user);

    await expect(auth.signUp(user)).rejects.toBeInstanceOf(ConflictError);
  });

  it("ends the session when the refresh token was revoked by signing out elsewhere", async () => {
    const user = newUser();
    const here = newClient();
    await here.signUp(user);
    await adminConfirm(user.email);
    await here.signIn(user);
    const storage = new Map<string, string>();
    const elsewhere = new CognitoAuthClient({
      region: REGION,
      userPoolClientId: clientId,
      endpoint: server.url,
      storage: {
        getItem: (key) => storage.get(key) ?? null,
        setItem: (key, value) => void storage.set(key, value),
        removeItem: (key) => void storage.delete(key),
      },
    });
    const copied = await elsewhere.signIn(user);
    await here.signOut();
    await elsewhere.signOut();
    // A reload that still has the revoked refresh token in storage.
    storage.set("shoebox.cognito-session", JSON.stringify(copied));
    const reloaded = new CognitoAuthClient({
      region: REGION,
      userPoolClientId: clientId,
      endpoint: server.url,
      storage: {
        getItem: (key) => storage.get(key) ?? null,
        setItem: (key, value) => void storage.set(key, value),
        removeItem: (key) => void storage.delete(key),
      },
    });

    expect(await reloaded.refresh()).toBeNull();
    expect(reloaded.session()).toBeNull();
    expect(storage.size).toBe(0);
    await reloaded.signOut();
  });
});
