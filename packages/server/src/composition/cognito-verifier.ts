import { JwtTokenVerifier } from "../adapters/identity/jwt-token-verifier.js";
import type { AuthConfig } from "../config/load-config.js";
import type { TokenVerifier } from "../ports/token-verifier.js";

/**
 * The API's verifier for a Cognito user pool: the same `JwtTokenVerifier` as the embedded host's, pinned to
 * the pool's issuer, its JWKS (fetched on first use and cached by jose) and the web client. It accepts id
 * tokens, as the embedded host does: they carry the email the event services need for invitations.
 * A Cognito-compatible issuer (cognito-local in the tests) fits by its issuer and JWKS URL.
 */
export function cognitoTokenVerifier(auth: Extract<AuthConfig, { kind: "cognito" }>): TokenVerifier {
  return new JwtTokenVerifier({
    issuer: auth.issuer,
    clientId: auth.clientId,
    tokenUse: "id",
    jwks: { url: auth.jwksUrl },
  });
}
