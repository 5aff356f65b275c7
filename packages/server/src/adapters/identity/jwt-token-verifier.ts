import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { UnauthenticatedError } from "../../domain/errors.js";
import type { Principal } from "../../domain/principal.js";
import type { TokenVerifier } from "../../ports/token-verifier.js";

export interface JwtTokenVerifierOptions {
  /** Expected `iss`: the embedded issuer's URL, or `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`. */
  issuer: string;
  /** Expected `client_id` (access tokens) or `aud` (id tokens). */
  clientId: string;
  /** Which of Cognito's two token kinds the API accepts. */
  tokenUse: "access" | "id";
  /** The issuer's public keys: a key set in hand (embedded), or where to fetch it (Cognito). */
  jwks: JSONWebKeySet | { url: string };
  /** Allowed clock skew for `exp`/`nbf`/`iat`, in seconds. */
  clockToleranceSeconds?: number;
}

/**
 * The one bearer-token verifier, for both hosts: jose's `jwtVerify` over a JWKS, pinned to RS256 (so neither
 * `alg: none` nor an HS256 token "signed" with the public key can pass), checking issuer, lifetime,
 * `token_use` and the client. Any failure is an `UnauthenticatedError` with a short reason.
 *
 * @example
 * new JwtTokenVerifier({
 *   issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
 *   clientId: "abc123",
 *   tokenUse: "id",
 *   jwks: { url: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json" },
 * });
 */
export class JwtTokenVerifier implements TokenVerifier {
  readonly #keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtTokenVerifierOptions) {
    this.#keys =
      "url" in options.jwks ? createRemoteJWKSet(new URL(options.jwks.url)) : createLocalJWKSet(options.jwks);
  }

  async verify(token: string): Promise<Principal> {
    const { issuer, clientId, tokenUse, clockToleranceSeconds = 5 } = this.options;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#keys, {
        algorithms: ["RS256"],
        issuer,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ["sub", "exp", "iat"],
      }));
    } catch (error) {
      // Only a bad token is the caller's fault; an unreachable key set is ours and must not look like one.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) throw error;
      throw new UnauthenticatedError(reasonFor(error), { cause: error });
    }
    if (payload.token_use !== tokenUse) throw new UnauthenticatedError(`Expected an ${tokenUse} token`);
    // The client is checked after `token_use`, so an access token sent where an id token is expected is
    // reported as such rather than as a missing audience.
    if (!issuedTo(payload, tokenUse, clientId))
      throw new UnauthenticatedError("The token was issued to another client");
    return principalOf(payload);
  }
}

/** Cognito names the client in `client_id` on access tokens and in `aud` on id tokens. */
function issuedTo(payload: JWTPayload, tokenUse: "access" | "id", clientId: string): boolean {
  if (tokenUse === "access") return payload.client_id === clientId;
  return Array.isArray(payload.aud) ? payload.aud.includes(clientId) : payload.aud === clientId;
}

function principalOf(payload: JWTPayload): Principal {
  const principal: Principal = { userId: payload.sub! };
  // Id tokens carry email and name; access tokens do not (unless a pre-token trigger added them).
  if (typeof payload.email === "string") principal.email = payload.email;
  if (typeof payload.name === "string") principal.name = payload.name;
  // Cognito's id tokens carry a boolean; some Cognito-compatible issuers write the attribute's string.
  principal.emailVerified = payload.email_verified === true || payload.email_verified === "true";
  return principal;
}

function reasonFor(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return "The token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "The token was issued by another issuer";
    return `The token's "${error.claim}" claim is not acceptable`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token's algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return "The token's signature is not valid";
  }
  return "The token is malformed";
}
