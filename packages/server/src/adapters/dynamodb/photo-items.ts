import { reviewListOf } from "../../domain/approval.js";
import type { Photo } from "../../domain/photo.js";
import { timelineTime } from "../../domain/timeline.js";
import type { LabelScope } from "../../ports/photo-repository.js";
import { indexPartitions, labelPartition, photoKey, type TableKey, timeThenId } from "./keys.js";
import { withoutUndefined } from "./without-undefined.js";

/** A photo item as stored: keys, index keys, bookkeeping and the photo's own fields. */
export type PhotoItem = Record<string, unknown> & TableKey & { version: number };

/**
 * How each field of `Photo` is stored. Written out (rather than copying whatever the item holds) so a
 * read returns exactly a `Photo`, without keys or bookkeeping; typed as a `Record` over `keyof Photo` so a
 * new field fails to compile until it is listed here.
 */
const PHOTO_FIELDS: Record<keyof Photo, "value" | "date" | "nested"> = {
  id: "value",
  ownerId: "value",
  eventId: "value",
  objectKey: "value",
  filename: "value",
  contentType: "value",
  declaredSize: "value",
  title: "value",
  description: "value",
  guestName: "value",
  uploaderName: "value",
  guestKeyHash: "value",
  status: "value",
  statusReason: "value",
  failedStep: "value",
  duplicateOf: "value",
  size: "value",
  width: "value",
  height: "value",
  format: "value",
  etag: "value",
  sha256: "value",
  orientation: "value",
  takenAt: "date",
  takenAtOffset: "value",
  camera: "nested",
  exposure: "nested",
  gps: "nested",
  colorProfile: "value",
  variants: "nested",
  blurhash: "value",
  labels: "nested",
  moderation: "nested",
  review: "value",
  createdAt: "date",
  updatedAt: "date",
  uploadExpiresAt: "date",
};

const FIELD_ENTRIES = Object.entries(PHOTO_FIELDS) as [keyof Photo, "value" | "date" | "nested"][];

/**
 * The item for `photo` at `version` (the optimistic-locking counter every write checks). Index keys are
 * derived from the photo on every write, so they always agree with it: the event indexes only for event
 * photos, GSI5 only while pending (a sparse index the sweep reads) or, once processed, while on a review list.
 */
export function photoItem(photo: Photo, version: number): PhotoItem {
  const sortKey = timeThenId(photo.createdAt.getTime(), photo.id);
  const item: PhotoItem = {
    ...photoKey(photo.id),
    entity: "photo",
    version,
    GSI2PK: indexPartitions.ownerPhotos(photo.ownerId),
    GSI2SK: sortKey,
    GSI4PK: indexPartitions.ownerPhotosInStatus(photo.ownerId, photo.status),
    GSI4SK: sortKey,
  };
  if (photo.eventId !== undefined) {
    item.GSI1PK = indexPartitions.eventPhotos(photo.eventId);
    item.GSI1SK = sortKey;
    item.GSI3PK = indexPartitions.eventPhotosInStatus(photo.eventId, photo.status);
    item.GSI3SK = sortKey;
    item.GSI6PK = indexPartitions.eventTimeline(photo.eventId);
    item.GSI6SK = timeThenId(timelineTime(photo), photo.id);
  }
  const reviewList = reviewListOf(photo);
  if (photo.status === "pending") {
    item.GSI5PK = indexPartitions.pendingUploads();
    item.GSI5SK = timeThenId(photo.uploadExpiresAt.getTime(), photo.id);
  } else if (reviewList !== undefined && photo.eventId !== undefined) {
    // GSI5 is free once a photo is processed: its event's review list reuses it (sparse, like the sweep's).
    item.GSI5PK = indexPartitions.eventReview(photo.eventId, reviewList);
    item.GSI5SK = sortKey;
  }
  for (const [field, kind] of FIELD_ENTRIES) {
    const value = photo[field];
    if (value === undefined) continue;
    if (kind === "date") item[field] = (value as Date).getTime();
    else if (kind === "nested") item[field] = withoutUndefined(value);
    else item[field] = value;
  }
  return item;
}

/** The photo an item holds (dates back from epoch milliseconds; absent fields stay absent). */
export function itemToPhoto(item: Record<string, unknown>): Photo {
  const photo: Record<string, unknown> = {};
  for (const [field, kind] of FIELD_ENTRIES) {
    const value = item[field];
    if (value === undefined) continue;
    photo[field] = kind === "date" ? new Date(value as number) : value;
  }
  return photo as unknown as Photo;
}

/** The version an item was written at. */
export function versionOf(item: Record<string, unknown>): number {
  return item.version as number;
}

/**
 * How many of a photo's labels get index entries. A photo's writes are single transactions of at most 100
 * actions; replacing every label in both scopes takes 4 per label (delete and put, event and owner), so
 * 24 labels plus the photo fit with room to spare. Labels are stored most confident first, so the index
 * covers the ones a viewer would search for; the photo item keeps them all.
 */
export const MAX_INDEXED_LABELS = 24;

/** The label names that have index entries, without repeats. */
export function indexedLabelNames(photo: Photo): string[] {
  return [...new Set((photo.labels ?? []).map((label) => label.name))].slice(0, MAX_INDEXED_LABELS);
}

/** The scopes a photo's label entries live in: its owner's, and its event's if it has one. */
export function labelScopesOf(photo: Pick<Photo, "ownerId" | "eventId">): LabelScope[] {
  return photo.eventId === undefined
    ? [{ ownerId: photo.ownerId }]
    : [{ ownerId: photo.ownerId }, { eventId: photo.eventId }];
}

/** The keys of the label entries of `photo` for `names`, in every scope of the photo. */
export function labelEntryKeys(photo: Photo, names: readonly string[]): TableKey[] {
  const sortKey = timeThenId(photo.createdAt.getTime(), photo.id);
  return labelScopesOf(photo).flatMap((scope) =>
    names.map((name) => ({ PK: labelPartition(scope, name), SK: sortKey })),
  );
}

/** A label entry: the photo's id and its sort key's time, enough to find the photo and to page on. */
export function labelEntryItem(key: TableKey, photo: Photo, name: string): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ...key,
    entity: "photoLabel",
    photoId: photo.id,
    createdAt: photo.createdAt.getTime(),
  };
  // The event-scope entry also sits in GSI6 under the event's labels, which `labelCountsByEvent` reads.
  if (photo.eventId !== undefined && key.PK === labelPartition({ eventId: photo.eventId }, name)) {
    entry.label = name;
    entry.GSI6PK = indexPartitions.eventLabels(photo.eventId);
    entry.GSI6SK = `${name}#${key.SK}`;
  }
  return entry;
}
