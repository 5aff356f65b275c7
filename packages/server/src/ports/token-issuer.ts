import type { JSONWebKeySet } from "jose";

export interface TokenSubject {
  userId: string;
  email: string;
  /** Whether the owner proved the address with an emailed code. */
  emailVerified: boolean;
  name: string;
  /** When the user last signed in with their password. */
  authTime: Date;
}

export interface SignedTokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
}

/** Signs the tokens of a signed-in account, and publishes the keys that verify them (embedded: `JwtTokenIssuer`). */
export interface TokenIssuer {
  issue(subject: TokenSubject): Promise<SignedTokens>;
  jwks(): JSONWebKeySet;
}
