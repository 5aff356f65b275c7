import type { Photo } from "../../domain/photo.js";
import type { Uploader } from "../../domain/uploader.js";
import type { TableKey } from "./keys.js";
import { timeThenId } from "./keys.js";

/**
 * Attribution items (see the README): an uploader entry per event photo, in the partition of its event
 * and owner (the gallery's "uploaded by" filter pages it like a label partition), and one uploader item
 * per event and owner (the filter's menu). Kept out of the GSIs, so the table needs no new index.
 */

/** The partition of one uploader's photos in an event, each entry sorted newest first by the Query. */
export const uploaderPartition = (eventId: string, ownerId: string): string =>
  `EVENT#${eventId}#UPLOADER#${ownerId}`;

/** The partition of an event's uploader items, sorted by owner id. */
export const eventUploadersPartition = (eventId: string): string => `EVENT#${eventId}#UPLOADERS`;

/** The entry of `photo` in its uploader's partition, or `undefined` for a library photo. */
export function uploaderEntryKey(photo: Pick<Photo, "id" | "eventId" | "ownerId" | "createdAt">) {
  if (photo.eventId === undefined) return undefined;
  return {
    PK: uploaderPartition(photo.eventId, photo.ownerId),
    SK: timeThenId(photo.createdAt.getTime(), photo.id),
  } satisfies TableKey;
}

export function uploaderEntryItem(key: TableKey, photo: Photo): Record<string, unknown> {
  return { ...key, entity: "photoUploader", photoId: photo.id, createdAt: photo.createdAt.getTime() };
}

/** The menu item of `photo`'s uploader (rewritten with the name of every new upload). */
export function uploaderItem(photo: Photo): Record<string, unknown> | undefined {
  if (photo.eventId === undefined || photo.uploaderName === undefined) return undefined;
  return {
    PK: eventUploadersPartition(photo.eventId),
    SK: photo.ownerId,
    entity: "eventUploader",
    ownerId: photo.ownerId,
    name: photo.uploaderName,
  };
}

export function itemToUploader(item: Record<string, unknown>): Uploader {
  return { ownerId: item.ownerId as string, name: item.name as string };
}
