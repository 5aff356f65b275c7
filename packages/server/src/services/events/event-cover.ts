import { reviewAllowsListing } from "../../domain/approval.js";
import type { Event } from "../../domain/event.js";
import type { Photo } from "../../domain/photo.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";

/** How many of the newest ready photos are tried when the event has no usable chosen cover. */
const FALLBACK_CANDIDATES = 20;

/**
 * Whether a photo may stand for the event where everyone sees it (the events list, the public join page):
 * ready (only ready photos have stripped variants) and not held for review, which would show a photo its
 * reviewers have not let through.
 */
export function canBeEventCover(photo: Photo | undefined, eventId: string): photo is Photo {
  return (
    photo !== undefined &&
    photo.eventId === eventId &&
    photo.status === "ready" &&
    reviewAllowsListing(photo.review, false)
  );
}

/**
 * The event's cover: its chosen cover photo while that can be one, else the newest ready photo that can
 * (among the newest few), else none.
 */
export async function findEventCover(photos: PhotoRepository, event: Event): Promise<Photo | undefined> {
  if (event.coverPhotoId !== undefined) {
    const chosen = await photos.get(event.coverPhotoId);
    if (canBeEventCover(chosen, event.id)) return chosen;
  }
  const newest = await photos.listByEvent(event.id, { limit: FALLBACK_CANDIDATES }, { status: "ready" });
  return newest.items.find((photo) => canBeEventCover(photo, event.id));
}
