import type { Photo } from "./photo.js";

/** Latest time a sort key can hold (DynamoDB's fixed-width time: 15 digits of epoch milliseconds). */
const LATEST_SORTABLE = 10 ** 15;

/**
 * Where a photo sits on its event's timeline: when it was taken (EXIF `DateTimeOriginal`, made exact by
 * `OffsetTimeOriginal` when the camera wrote one), else when it was uploaded. A capture time no sort key can
 * hold (before 1970: a camera whose clock was never set) falls back to the upload time too, so every
 * adapter orders the same photos the same way.
 *
 * @example timelineTime({ takenAt: undefined, createdAt: new Date(5) }) // → 5
 */
export function timelineTime(photo: Pick<Photo, "takenAt" | "createdAt">): number {
  const taken = photo.takenAt?.getTime();
  return taken !== undefined && Number.isSafeInteger(taken) && taken >= 0 && taken < LATEST_SORTABLE
    ? taken
    : photo.createdAt.getTime();
}

/** How a gallery is ordered: by when photos were taken (the timeline), or by when they were added. */
export type GalleryOrder = "captured" | "added";
