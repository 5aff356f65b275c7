import type { Principal } from "../domain/principal.js";

/**
 * Verifies a bearer token on every API request. One implementation (jose + a JWKS), configured — not
 * rewritten — for the embedded issuer or a Cognito user pool. Throws `UnauthenticatedError` (domain).
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
