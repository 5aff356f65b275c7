import type { GuestLinkMode } from "./guest-link-mode.js";

/**
 * A revocable, expiring link through which anyone uploads photos to one event without an account, within
 * optional caps on how many photos and how many declared bytes. `uploads`/`bytes` count what was reserved.
 */
export interface GuestLink {
  id: string;
  tokenHash: string;
  eventId: string;
  /** The organizer who made it. */
  createdBy: string;
  passwordHash?: string;
  maxUploads?: number;
  maxBytes?: number;
  uploads: number;
  bytes: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  /** What the guest may see besides the upload form (`guest-link-mode.ts`). */
  mode: GuestLinkMode;
  /** With `view_after_reveal` only: when the event's gallery opens to the link's guests. */
  revealAt?: Date;
}

const GUEST_OWNER_PREFIX = "guest_";

/**
 * The owner id of photos uploaded through a guest link: URL-safe (it is part of object metadata), and never
 * a user id, because user ids never start with `guest_` (UUIDs / Cognito subs).
 *
 * @example guestOwnerId("k3J9") // → "guest_k3J9"
 */
export function guestOwnerId(linkId: string): string {
  return `${GUEST_OWNER_PREFIX}${linkId}`;
}

/** Whether a photo's owner is a guest link rather than an account. */
export function isGuestOwner(ownerId: string): boolean {
  return ownerId.startsWith(GUEST_OWNER_PREFIX);
}

/**
 * The link id in a guest owner id (the inverse of `guestOwnerId`), or `undefined` for an account's id.
 *
 * @example guestLinkIdOf("guest_k3J9") // → "k3J9"
 */
export function guestLinkIdOf(ownerId: string): string | undefined {
  return isGuestOwner(ownerId) ? ownerId.slice(GUEST_OWNER_PREFIX.length) : undefined;
}

/** What is left of a link's caps (`undefined`: no cap). */
export function guestAllowanceLeft(link: GuestLink): { uploads?: number; bytes?: number } {
  return {
    ...(link.maxUploads === undefined ? {} : { uploads: Math.max(0, link.maxUploads - link.uploads) }),
    ...(link.maxBytes === undefined ? {} : { bytes: Math.max(0, link.maxBytes - link.bytes) }),
  };
}

export const GUEST_NAME_MAX = 60;
