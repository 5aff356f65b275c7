import type { Principal } from "../../domain/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { TokenVerifier } from "../../ports/token-verifier.js";

export interface CachingTokenVerifierOptions {
  /** Most tokens remembered; the oldest is forgotten first. */
  maxEntries: number;
  /** A remembered token is verified again after this long, even if it expires later. */
  maxAgeSeconds: number;
  clock: Clock;
}

interface Remembered {
  principal: Principal;
  /** Until when the remembered answer may be used (ms): the earlier of the token's `exp` and the max age. */
  until: number;
}

/**
 * Remembers which exact token strings passed verification, until they expire. A signed token cannot change
 * without changing its string, so a remembered string is as valid as when it was checked; what the cache
 * saves is the RSA verification and jose's claim checks (~100 µs here) on every request of a signed-in
 * client — the same trade API Gateway's JWT authorizer makes. Failures are never remembered.
 */
export class CachingTokenVerifier implements TokenVerifier {
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly inner: TokenVerifier,
    private readonly expiryOf: (token: string) => number | undefined,
    private readonly options: CachingTokenVerifierOptions,
  ) {}

  async verify(token: string): Promise<Principal> {
    const now = this.options.clock.now().getTime();
    const hit = this.remembered.get(token);
    if (hit && hit.until > now) return hit.principal;
    if (hit) this.remembered.delete(token);

    const principal = await this.inner.verify(token);
    const expiresAt = this.expiryOf(token);
    if (expiresAt !== undefined) {
      if (this.remembered.size >= this.options.maxEntries) {
        const oldest = this.remembered.keys().next().value;
        if (oldest !== undefined) this.remembered.delete(oldest);
      }
      this.remembered.set(token, {
        principal,
        until: Math.min(expiresAt, now + this.options.maxAgeSeconds * 1000),
      });
    }
    return principal;
  }
}

/**
 * The `exp` of a JWT in ms, read without verifying (only called on a token that was just verified), or
 * `undefined` when it has none.
 */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
