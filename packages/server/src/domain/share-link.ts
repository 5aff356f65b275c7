/** What a share link shows: one photo, or an event's ready photos. */
export type ShareTarget = { kind: "photo"; photoId: string } | { kind: "event"; eventId: string };

/**
 * A revocable, expiring link to a public read-only page (`/s/{token}`). Only `tokenHash` is stored; the
 * token is shown once, when the link is made.
 */
export interface ShareLink {
  id: string;
  tokenHash: string;
  /** Who made it: the only one who lists and revokes it. */
  ownerId: string;
  target: ShareTarget;
  /** Whether the page offers download links (of the stripped `web` variant; never the original). */
  allowDownload: boolean;
  /** scrypt hash, when the link has a password. */
  passwordHash?: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
}

/** How long a single shared photo URL (`POST /photos/{id}/share`) lives unless asked: 24 h; at most 7 days. */
export const PHOTO_SHARE_DEFAULT_SECONDS = 24 * 3600;
export const PHOTO_SHARE_MAX_SECONDS = 7 * 24 * 3600;
export const PHOTO_SHARE_MIN_SECONDS = 60;
