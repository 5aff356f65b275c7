import { ValidationError } from "./errors.js";

/**
 * What a guest holding an upload link may see besides the upload form:
 * - `upload_and_view`: the event's gallery (its ready photos), as well as their own uploads;
 * - `upload_only`: a drop box: only what they uploaded through this link from this browser;
 * - `view_after_reveal`: like `upload_only` until `revealAt`, then like `upload_and_view`.
 */
export const GUEST_LINK_MODES = ["upload_and_view", "upload_only", "view_after_reveal"] as const;
export type GuestLinkMode = (typeof GUEST_LINK_MODES)[number];

/** New links let guests see the gallery unless the organizer chooses otherwise. */
export const DEFAULT_GUEST_LINK_MODE: GuestLinkMode = "upload_and_view";

/**
 * Links stored before modes existed: their organizers were told guests "cannot see the gallery", so they
 * stay drop boxes rather than opening the gallery behind the organizer's back.
 */
export const LEGACY_GUEST_LINK_MODE: GuestLinkMode = "upload_only";

export interface GuestLinkVisibility {
  mode: GuestLinkMode;
  /** Only with `view_after_reveal`: when the gallery opens to guests. */
  revealAt?: Date;
}

/** Whether the gallery is open to a link's guests at `now` (their own uploads are always theirs to see). */
export type GuestGalleryAccess =
  | { open: true }
  | { open: false; reason: "upload_only" }
  | { open: false; reason: "not_revealed_yet"; revealAt: Date };

/** The rule the guest services enforce: which of the event's photos a guest with this link may see now. */
export function guestGalleryAccess(link: GuestLinkVisibility, now: Date): GuestGalleryAccess {
  switch (link.mode) {
    case "upload_and_view":
      return { open: true };
    case "upload_only":
      return { open: false, reason: "upload_only" };
    case "view_after_reveal": {
      // A link of this mode always has `revealAt` (parseGuestLinkVisibility); none would mean never.
      const revealAt = link.revealAt;
      if (revealAt !== undefined && now.getTime() >= revealAt.getTime()) return { open: true };
      return { open: false, reason: "not_revealed_yet", revealAt: revealAt ?? new Date(8.64e15) };
    }
  }
}

/**
 * Checks what the organizer asked for: a known mode (default `upload_and_view`), and a valid `revealAt`
 * with `view_after_reveal` only — required there, refused elsewhere. A reveal time in the past is allowed
 * (the gallery is simply open). `ValidationError` otherwise.
 */
export function parseGuestLinkVisibility(input: { mode?: string; revealAt?: Date }): GuestLinkVisibility {
  const mode = input.mode ?? DEFAULT_GUEST_LINK_MODE;
  if (!(GUEST_LINK_MODES as readonly string[]).includes(mode)) {
    throw new ValidationError(`mode must be one of ${GUEST_LINK_MODES.join(", ")}`);
  }
  const { revealAt } = input;
  if (revealAt !== undefined && Number.isNaN(revealAt.getTime())) {
    throw new ValidationError("revealAt is not a valid date");
  }
  if (mode === "view_after_reveal") {
    if (revealAt === undefined) throw new ValidationError("view_after_reveal needs revealAt");
    return { mode, revealAt };
  }
  if (revealAt !== undefined) throw new ValidationError("revealAt is only for view_after_reveal");
  return { mode: mode as GuestLinkMode };
}
