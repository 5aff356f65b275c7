import { CachingTokenVerifier, jwtExpiry } from "../adapters/identity/caching-token-verifier.js";
import type { Clock } from "../ports/clock.js";
import type { TokenVerifier } from "../ports/token-verifier.js";

/**
 * Both hosts remember verified tokens for up to five minutes (never past their expiry): a signed-in client
 * sends the same token on every call, and verifying RS256 through jose costs ~100 µs each time.
 */
export function rememberVerifiedTokens(verifier: TokenVerifier, clock: Clock): TokenVerifier {
  return new CachingTokenVerifier(verifier, jwtExpiry, { maxEntries: 10_000, maxAgeSeconds: 300, clock });
}
