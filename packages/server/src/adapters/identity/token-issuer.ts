import { randomUUID } from "node:crypto";
import { type JSONWebKeySet, SignJWT } from "jose";
import type { Clock } from "../../ports/clock.js";
import type { SignedTokens, TokenIssuer, TokenSubject } from "../../ports/token-issuer.js";
import type { SigningKey } from "./signing-key-store.js";

export interface TokenIssuerOptions {
  key: SigningKey;
  /** The `iss` claim, e.g. `http://127.0.0.1:8080/api`; the verifier checks it. */
  issuer: string;
  /** Plays the part of Cognito's app client id: `client_id` of access tokens, `aud` of id tokens. */
  clientId: string;
  clock: Clock;
  /** Lifetime of access and id tokens (Cognito's default: one hour). */
  tokenTtlSeconds?: number;
}

/**
 * Signs Cognito-shaped access and id tokens with the embedded issuer's RS256 key, so the one
 * `JwtTokenVerifier` (and any client code) treats both hosts alike.
 */
export class JwtTokenIssuer implements TokenIssuer {
  readonly #options: Required<TokenIssuerOptions>;

  constructor(options: TokenIssuerOptions) {
    this.#options = { tokenTtlSeconds: 3600, ...options };
  }

  async issue(subject: TokenSubject): Promise<SignedTokens> {
    const { key, issuer, clientId, clock, tokenTtlSeconds } = this.#options;
    const iat = Math.floor(clock.now().getTime() / 1000);
    const common = { auth_time: Math.floor(subject.authTime.getTime() / 1000) };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ ...common, ...claims })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
        .setSubject(subject.userId)
        .setIssuer(issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + tokenTtlSeconds)
        .setJti(randomUUID())
        .sign(key.privateKey);

    const [accessToken, idToken] = await Promise.all([
      sign({
        client_id: clientId,
        token_use: "access",
        scope: "openid email profile",
        username: subject.userId,
      }),
      sign({
        aud: clientId,
        token_use: "id",
        email: subject.email,
        // True only for accounts confirmed with an emailed code; invitations by email trust nothing else.
        email_verified: subject.emailVerified,
        name: subject.name,
        "cognito:username": subject.userId,
      }),
    ]);
    return { accessToken, idToken, expiresIn: tokenTtlSeconds };
  }

  /** The public key set that verifies this issuer's tokens (served at `/api/.well-known/jwks.json`). */
  jwks(): JSONWebKeySet {
    return { keys: [this.#options.key.publicJwk] };
  }
}
