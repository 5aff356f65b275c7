import {
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { NetworkError, ServerError } from "../../api/api-errors.js";
import type {
  AuthClient,
  ConfirmSignUpInput,
  Session,
  SignInInput,
  SignUpInput,
  SignUpOutcome,
} from "./auth-client.js";
import { errorFromCognito } from "./cognito-errors.js";
import { type IssuedTokens, SessionKeeper, type SessionStorage } from "./session-keeper.js";

export interface CognitoAuthOptions {
  region: string;
  userPoolClientId: string;
  /** A Cognito-compatible endpoint instead of AWS's (tests use cognito-local). */
  endpoint?: string;
  storage?: SessionStorage;
  now?: () => number;
  /** After a refresh fails for want of a network, try again this much later. */
  retryAfterNetworkErrorMs?: number;
}

/**
 * Signs in with a Cognito user pool's public app client: `SignUp` (email as username, `name` attribute),
 * `ConfirmSignUp` with the emailed code, `USER_PASSWORD_AUTH` to sign in and `REFRESH_TOKEN_AUTH` to renew
 * quietly. The id token is the API's bearer (it carries email and name). Sign-out revokes the refresh token
 * and forgets the session. Loaded only when `/config.json` names a user pool, so the embedded shell stays small.
 */
export class CognitoAuthClient implements AuthClient {
  private readonly cognito: CognitoIdentityProviderClient;
  private readonly keeper: SessionKeeper;
  private readonly clientId: string;

  constructor(options: CognitoAuthOptions) {
    this.clientId = options.userPoolClientId;
    // These calls are unauthenticated: the public client has no secret and the browser no AWS credentials.
    this.cognito = new CognitoIdentityProviderClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      maxAttempts: 2,
    });
    this.keeper = new SessionKeeper({
      storageKey: "shoebox.cognito-session",
      storage: options.storage,
      now: options.now,
      retryAfterNetworkErrorMs: options.retryAfterNetworkErrorMs,
      renew: (session) => this.renewTokens(session),
      isTransient: (error) => error instanceof NetworkError || error instanceof ServerError,
    });
  }

  async signUp(input: SignUpInput): Promise<SignUpOutcome> {
    const answer = await this.call((cognito) =>
      cognito.send(
        new SignUpCommand({
          ClientId: this.clientId,
          Username: input.email,
          Password: input.password,
          UserAttributes: [
            { Name: "email", Value: input.email },
            { Name: "name", Value: input.name },
          ],
        }),
      ),
    );
    if (answer.UserConfirmed) return { status: "signedIn", session: await this.signIn(input) };
    return { status: "confirmationRequired", deliveredTo: answer.CodeDeliveryDetails?.Destination ?? null };
  }

  /** Cognito confirms without signing in: the caller signs in next (null). */
  async confirmSignUp(input: ConfirmSignUpInput): Promise<null> {
    await this.call((cognito) =>
      cognito.send(
        new ConfirmSignUpCommand({
          ClientId: this.clientId,
          Username: input.email,
          ConfirmationCode: input.code.trim(),
        }),
      ),
    );
    return null;
  }

  async resendConfirmation(input: { email: string }): Promise<void> {
    await this.call((cognito) =>
      cognito.send(new ResendConfirmationCodeCommand({ ClientId: this.clientId, Username: input.email })),
    );
  }

  async signIn(input: SignInInput): Promise<Session> {
    const answer = await this.call(
      (cognito) =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: this.clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
          }),
        ),
      { signingIn: true },
    );
    // MFA (optional in the pool) answers with a challenge instead of tokens; this client does not do MFA yet.
    if (answer.ChallengeName) {
      throw new Error(
        `This account needs a sign-in step the web client does not offer (${answer.ChallengeName}).`,
      );
    }
    return this.keeper.start(issuedTokens(answer.AuthenticationResult));
  }

  refresh(): Promise<Session | null> {
    return this.keeper.refresh();
  }

  /** Revokes the refresh token (so a copy of it is useless) and forgets the session, even offline. */
  async signOut(): Promise<void> {
    const session = this.keeper.session();
    this.keeper.end();
    if (session === null) return;
    try {
      await this.cognito.send(
        new RevokeTokenCommand({ ClientId: this.clientId, Token: session.refreshToken }),
      );
    } catch {
      // Already revoked or unreachable: the tokens are forgotten here either way and the id token expires.
    }
  }

  currentToken(): Promise<string | null> {
    return this.keeper.currentToken();
  }

  refreshAfterRejection(): Promise<boolean> {
    return this.keeper.refreshAfterRejection();
  }

  session(): Session | null {
    return this.keeper.session();
  }

  subscribe(listener: () => void): () => void {
    return this.keeper.subscribe(listener);
  }

  private async renewTokens(session: Session): Promise<IssuedTokens> {
    const answer = await this.call((cognito) =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId: this.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: session.refreshToken },
        }),
      ),
    );
    // Cognito keeps the refresh token unless rotation is on; then it sends a new one.
    return issuedTokens(answer.AuthenticationResult, session.refreshToken);
  }

  /** Runs one Cognito call, turning its failure into the client's typed errors. */
  private async call<Output>(
    run: (cognito: CognitoIdentityProviderClient) => Promise<Output>,
    context: { signingIn?: boolean } = {},
  ): Promise<Output> {
    try {
      return await run(this.cognito);
    } catch (error) {
      throw errorFromCognito(error, context);
    }
  }
}

function issuedTokens(
  result: AuthenticationResultType | undefined,
  previousRefreshToken?: string,
): IssuedTokens {
  const refreshToken = result?.RefreshToken ?? previousRefreshToken;
  if (!result?.IdToken || !refreshToken) throw new Error("Cognito answered without the expected tokens");
  return { idToken: result.IdToken, refreshToken, expiresIn: result.ExpiresIn ?? 3600 };
}
