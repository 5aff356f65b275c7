import type { TokenSource } from "../../api/api-client.js";

/** Who is signed in, as the identity token says. */
export interface SessionUser {
  userId: string;
  email: string | null;
  name: string | null;
}

/** A signed-in session: the bearer token the API takes, and what renews it. */
export interface Session {
  /** Sent as the bearer token (it carries email and name). */
  idToken: string;
  refreshToken: string;
  /** Epoch milliseconds when `idToken` stops being accepted. */
  expiresAt: number;
  /** Epoch milliseconds when it was issued (the refresh is timed from its lifetime). */
  issuedAt: number;
  user: SessionUser;
}

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

export interface SignInInput {
  email: string;
  password: string;
}

export interface ConfirmSignUpInput {
  email: string;
  /** The code the identity provider emailed at sign-up. */
  code: string;
  /** The password chosen at sign-up (the embedded issuer confirms only the sign-up it belongs to). */
  password: string;
}

/**
 * What signing up led to: a session at once (a pool that needs no confirmation), or an account that must
 * first be confirmed with the code sent to `deliveredTo`. `codeInServerLog`: the server has no mail
 * server, so the code is in its log (the embedded host run by the user themself).
 */
export type SignUpOutcome =
  | { status: "signedIn"; session: Session }
  | { status: "confirmationRequired"; deliveredTo: string | null; codeInServerLog?: boolean };

/**
 * Signing in, whichever identity provider runs it: the embedded host's own issuer, or a Cognito user pool
 * on AWS. The rest of the app sees only this.
 */
export interface AuthClient extends TokenSource {
  signUp(input: SignUpInput): Promise<SignUpOutcome>;
  /**
   * Confirms a new account with the emailed code; rejects with `InvalidRequestError` for a wrong code.
   * Resolves to the session when confirming also signs in (embedded), or null when signing in comes next.
   */
  confirmSignUp(input: ConfirmSignUpInput): Promise<Session | null>;
  /** Asks for a new code for an account waiting to be confirmed. */
  resendConfirmation(input: { email: string }): Promise<void>;
  signIn(input: SignInInput): Promise<Session>;
  /** Renews the tokens now; resolves to null (signed out) when the refresh token is no longer accepted. */
  refresh(): Promise<Session | null>;
  signOut(): Promise<void>;
  /** A token valid for a little while yet (refreshing first if needed), or null when signed out. */
  currentToken(): Promise<string | null>;
  /** The current session, synchronously, for rendering. */
  session(): Session | null;
  /** Calls `listener` whenever the session changes (sign-in, refresh, sign-out). */
  subscribe(listener: () => void): () => void;
}
