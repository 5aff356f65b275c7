import type { Principal } from "./principal.js";

/** What a guest who gave no name is called wherever their photos are attributed. */
export const GUEST_UPLOADER_NAME = "Guest";

/** Shown for an account whose token carries no display name (a Cognito user without `name`). */
export const UNNAMED_UPLOADER = "Someone";

/** Someone who uploaded to an event, as the gallery's "uploaded by" filter lists them. */
export interface Uploader {
  /** The photos' `ownerId`: a user id, or `guest_{linkId}` for everyone who used one guest link. */
  ownerId: string;
  /** The name their latest upload carried. */
  name: string;
}

/**
 * The name a photo is attributed to, decided at ticket time: the account's display name (never its
 * email: other attendees see this), or the guest's own name, or "Guest".
 *
 * @example uploaderNameOf({ guestName: undefined }) // → "Guest"
 */
export function uploaderNameOf(
  uploader: { principal: Pick<Principal, "name"> } | { guestName: string | undefined },
): string {
  if ("principal" in uploader) return uploader.principal.name?.trim() || UNNAMED_UPLOADER;
  return uploader.guestName ?? GUEST_UPLOADER_NAME;
}
