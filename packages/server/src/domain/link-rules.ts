import { ValidationError } from "./errors.js";

/** Shared rules of share links and guest-upload links: lifetimes and passwords. */

const DAY_SECONDS = 24 * 3600;

/** Links live 30 days unless the creator says otherwise, and at most a year ("links that do not die early"). */
export const LINK_DEFAULT_LIFETIME_SECONDS = 30 * DAY_SECONDS;
export const LINK_MAX_LIFETIME_SECONDS = 365 * DAY_SECONDS;

/** Short passwords are fine for a link (they are rate-limited); the bound caps scrypt's input. */
export const LINK_PASSWORD_MIN_LENGTH = 4;
export const LINK_PASSWORD_MAX_LENGTH = 256;

export type LinkStatus = "active" | "expired" | "revoked";

/**
 * When a new link expires: `requested` if given (after now, within a year), else 30 days from `now`.
 * `ValidationError` otherwise.
 */
export function linkExpiry(now: Date, requested: Date | undefined): Date {
  if (requested === undefined) return new Date(now.getTime() + LINK_DEFAULT_LIFETIME_SECONDS * 1000);
  if (Number.isNaN(requested.getTime())) throw new ValidationError("expiresAt is not a valid date");
  if (requested.getTime() <= now.getTime()) throw new ValidationError("expiresAt must be in the future");
  if (requested.getTime() > now.getTime() + LINK_MAX_LIFETIME_SECONDS * 1000) {
    throw new ValidationError("expiresAt must be within a year");
  }
  return requested;
}

/** `undefined` for no password; `ValidationError` for one that is too short or too long. */
export function parseLinkPassword(password: string | undefined): string | undefined {
  if (password === undefined || password === "") return undefined;
  if (password.length < LINK_PASSWORD_MIN_LENGTH || password.length > LINK_PASSWORD_MAX_LENGTH) {
    throw new ValidationError(
      `password must be ${LINK_PASSWORD_MIN_LENGTH}–${LINK_PASSWORD_MAX_LENGTH} characters`,
    );
  }
  return password;
}

/** A link's status at `now`: revocation wins over expiry (it is what the creator did). */
export function linkStatus(link: { expiresAt: Date; revokedAt?: Date }, now: Date): LinkStatus {
  if (link.revokedAt !== undefined) return "revoked";
  return now.getTime() < link.expiresAt.getTime() ? "active" : "expired";
}
