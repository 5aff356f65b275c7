import { LinkGoneError, NotFoundError } from "../../domain/errors.js";
import type { GuestLink } from "../../domain/guest-link.js";
import { linkStatus } from "../../domain/link-rules.js";
import type { Clock } from "../../ports/clock.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { LinkTokens } from "../../ports/link-tokens.js";

export interface ActiveGuestLinkDeps {
  guestLinks: Pick<GuestLinkRepository, "findByTokenHash">;
  tokens: LinkTokens;
  clock: Clock;
}

/**
 * The guest link a token opens, as every guest route needs it: `NotFoundError` for an unknown token (which
 * is never echoed), `LinkGoneError` (410) once it is revoked or expired. Passwords are the caller's.
 */
export async function findActiveGuestLink(deps: ActiveGuestLinkDeps, token: string): Promise<GuestLink> {
  const link = await deps.guestLinks.findByTokenHash(deps.tokens.hashOf(token));
  if (link === undefined) throw new NotFoundError("Guest link", "(token)");
  const status = linkStatus(link, deps.clock.now());
  if (status !== "active") throw new LinkGoneError(status);
  return link;
}
