import { NotFoundError } from "../../domain/errors.js";
import type { Attendance } from "../../domain/event.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import { canViewPhoto, type Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";

export interface PhotoAccess {
  photo: Photo;
  /** The caller's attendance of the photo's event, when they attend it. */
  attendance?: Attendance;
}

/** Loads a photo with the caller's relation to it; `NotFoundError` for a malformed or unknown id. */
export async function loadPhoto(
  repos: { photos: PhotoRepository; events: EventRepository },
  p: Principal,
  photoId: string,
): Promise<PhotoAccess> {
  assertKnownIdShape("Photo", photoId);
  const photo = await repos.photos.get(photoId);
  if (photo === undefined) throw new NotFoundError("Photo", photoId);
  // Owners too: an organizer approves their own hidden photos as organizer.
  if (photo.eventId === undefined) return { photo };
  const attendance = await repos.events.getAttendance(photo.eventId, p.userId);
  return attendance === undefined ? { photo } : { photo, attendance };
}

/**
 * Like `loadPhoto`, but a photo the caller may not see is `NotFoundError` too: they must not learn that
 * it exists.
 */
export async function loadVisiblePhoto(
  repos: { photos: PhotoRepository; events: EventRepository },
  p: Principal,
  photoId: string,
): Promise<PhotoAccess> {
  const access = await loadPhoto(repos, p, photoId);
  if (!canViewPhoto(access.photo, p.userId, access.attendance)) throw new NotFoundError("Photo", photoId);
  return access;
}
