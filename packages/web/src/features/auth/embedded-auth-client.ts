import { ApiError, NetworkError } from "../../api/api-errors.js";
import { type ApiHttp, createApiHttp, dataOf, type HttpSettings } from "../../api/http-request.js";
import type {
  AuthClient,
  ConfirmSignUpInput,
  Session,
  SignInInput,
  SignUpInput,
  SignUpOutcome,
} from "./auth-client.js";
import { SessionKeeper, type SessionStorage } from "./session-keeper.js";

export type { SessionStorage } from "./session-keeper.js";

export interface EmbeddedAuthOptions {
  http: HttpSettings;
  storage?: SessionStorage;
  now?: () => number;
  /** After a refresh fails for want of a network, try again this much later. */
  retryAfterNetworkErrorMs?: number;
}

/**
 * Signs in with the embedded host's own issuer (`/api/auth/*`). The session survives reloads in storage;
 * the token is renewed quietly before it expires (one refresh at a time: each refresh token works once).
 */
export class EmbeddedAuthClient implements AuthClient {
  private readonly keeper: SessionKeeper;
  private readonly http: ApiHttp;

  constructor(options: EmbeddedAuthOptions) {
    this.http = createApiHttp(options.http);
    this.keeper = new SessionKeeper({
      storageKey: "shoebox.session",
      storage: options.storage,
      now: options.now,
      retryAfterNetworkErrorMs: options.retryAfterNetworkErrorMs,
      renew: (session) =>
        dataOf(this.http.POST("/auth/refresh", { body: { refreshToken: session.refreshToken } })),
      isTransient: (error) =>
        error instanceof NetworkError || (error instanceof ApiError && error.status >= 500),
    });
  }

  /** The embedded issuer emails a code (or prints it in its log); confirming it signs in. */
  async signUp(input: SignUpInput): Promise<SignUpOutcome> {
    const sent = await dataOf(this.http.POST("/auth/signup", { body: input }));
    return { status: "confirmationRequired", deliveredTo: null, codeInServerLog: sent.delivery === "log" };
  }

  async confirmSignUp(input: ConfirmSignUpInput): Promise<Session> {
    const tokens = await dataOf(
      this.http.POST("/auth/confirm", {
        body: { email: input.email, code: input.code.trim(), password: input.password },
      }),
    );
    return this.keeper.start(tokens);
  }

  async resendConfirmation(input: { email: string }): Promise<void> {
    await dataOf(this.http.POST("/auth/resend-confirmation", { body: { email: input.email } }));
  }

  async signIn(input: SignInInput): Promise<Session> {
    const tokens = await dataOf(this.http.POST("/auth/login", { body: input }));
    return this.keeper.start(tokens);
  }

  refresh(): Promise<Session | null> {
    return this.keeper.refresh();
  }

  async signOut(): Promise<void> {
    this.keeper.end();
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
}
