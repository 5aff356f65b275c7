import { PasswordRequiredError } from "../../domain/errors.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { RateLimiter } from "../../ports/rate-limiter.js";
import { enforceRateLimit } from "../enforce-rate-limit.js";
import { rateLimitKeys } from "../rate-limit-keys.js";

/**
 * Checks a password typed for a share or guest link. Every attempt counts against two limits — per link
 * (one link guessed from many addresses) and per client address (one client guessing many links) — before
 * scrypt runs, so guessing costs the guesser and not the server. Refused attempts: `RateLimitedError`
 * (the longer wait of the two); a wrong or missing password: `PasswordRequiredError`.
 *
 * The one limit not applied by the HTTP `rateLimit` wrapper: what it counts is known only here — the link
 * behind the token, and whether that link has a password at all (attempts on an open link cost nothing).
 */
export class LinkPasswordGate {
  constructor(private readonly deps: { passwords: PasswordHasher; limiter?: RateLimiter }) {}

  async check(
    link: { id: string; passwordHash?: string },
    password: string | undefined,
    clientAddress: string,
  ): Promise<void> {
    if (link.passwordHash === undefined) return;
    if (password === undefined || password === "") throw new PasswordRequiredError();
    await enforceRateLimit(this.deps.limiter, rateLimitKeys.linkPassword(link.id, clientAddress));
    if (!(await this.deps.passwords.verify(password, link.passwordHash)))
      throw new PasswordRequiredError(true);
  }
}
