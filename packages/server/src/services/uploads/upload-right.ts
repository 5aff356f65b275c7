import { NotAttendeeError, NotFoundError } from "../../domain/errors.js";
import { guestLinkIdOf } from "../../domain/guest-link.js";
import { linkStatus } from "../../domain/link-rules.js";
import type { Photo } from "../../domain/photo.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import { requireAttendance } from "../events/event-access.js";

export interface UploadRightDeps {
  events: EventRepository;
  guestLinks: GuestLinkRepository;
}

/**
 * Why the uploader of `photo` may no longer put it where its ticket points, or `undefined` while they
 * still may. The same rules that issued the ticket, asked again when the bytes arrive (a ticket lives
 * minutes, and access can end meanwhile): an account must still attend the event (`requireAttendance`);
 * a guest's link must still be active at `arrivedAt` (`linkStatus`: not revoked, not expired). A library
 * photo is its owner's own, always allowed. The reason is shown to whoever sees the rejected photo.
 */
export async function lostUploadRight(
  deps: UploadRightDeps,
  photo: Pick<Photo, "ownerId" | "eventId">,
  arrivedAt: Date,
): Promise<string | undefined> {
  if (photo.eventId === undefined) return undefined;
  const linkId = guestLinkIdOf(photo.ownerId);
  if (linkId !== undefined) {
    const link = await deps.guestLinks.get(linkId);
    if (link === undefined || link.eventId !== photo.eventId) return "Its upload link no longer exists";
    const status = linkStatus(link, arrivedAt);
    return status === "active" ? undefined : `Its upload link was ${status} before the photo arrived`;
  }
  try {
    await requireAttendance(deps.events, { userId: photo.ownerId }, photo.eventId);
    return undefined;
  } catch (error) {
    if (error instanceof NotAttendeeError) return "Its uploader no longer attends the event";
    if (error instanceof NotFoundError) return "Its event no longer exists";
    throw error;
  }
}
