import type { Attendance } from "./event.js";

/**
 * `pending`: the record exists, the bytes may not yet. `ready`: checked and visible to the event.
 * `rejected`: the bytes were not an acceptable image. `expired`: the ticket ran out and nothing arrived.
 */
export type PhotoStatus = "pending" | "ready" | "rejected" | "expired";

export interface Photo {
  id: string;
  ownerId: string;
  /** Absent for photos in the owner's own library. */
  eventId?: string;
  /** Built by the upload service from generated ids; never from user input. */
  objectKey: string;
  /** Display only; the client's name for the file, without any path. */
  filename: string;
  contentType: string;
  /** What the client said it would upload; `size` is what arrived. */
  declaredSize: number;
  title?: string;
  description?: string;
  status: PhotoStatus;
  /** Why it was rejected, shown to the owner. */
  statusReason?: string;
  size?: number;
  width?: number;
  height?: number;
  format?: string;
  etag?: string;
  takenAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** When the upload ticket stops working; a pending photo past it is swept. */
  uploadExpiresAt: Date;
}

/** Fields a status transition may change; identity and placement never change. */
export type PhotoChanges = Partial<Omit<Photo, "id" | "ownerId" | "eventId" | "objectKey" | "createdAt">>;

/**
 * Every object key that belongs to the photo, for deletion. Today the original only; the pipeline adds
 * its variants here so that deleting a photo keeps removing everything it stored.
 */
export function objectKeysOf(photo: Photo): string[] {
  return [photo.objectKey];
}

/** The key served to viewers. The original for now; the pipeline switches this to a stripped variant. */
export function viewKeyOf(photo: Photo): string {
  return photo.objectKey;
}

/**
 * Who may see a photo: its owner always (any status); otherwise an attendee of its event once it is
 * ready. `attendance` is the viewer's attendance of the photo's event, if any.
 */
export function canViewPhoto(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  if (photo.ownerId === viewerId) return true;
  return photo.status === "ready" && attendsPhotoEvent(photo, viewerId, attendance);
}

/** Who may delete a photo: its owner, or the organizer of its event. */
export function canDeletePhoto(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  if (photo.ownerId === viewerId) return true;
  return attendsPhotoEvent(photo, viewerId, attendance) && attendance?.role === "organizer";
}

function attendsPhotoEvent(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  return (
    photo.eventId !== undefined && attendance?.eventId === photo.eventId && attendance.userId === viewerId
  );
}

const IMMUTABLE_FIELDS: ReadonlySet<string> = new Set(["id", "ownerId", "eventId", "objectKey", "createdAt"]);
const REQUIRED_CHANGEABLE_FIELDS: ReadonlySet<string> = new Set([
  "filename",
  "contentType",
  "declaredSize",
  "status",
  "updatedAt",
  "uploadExpiresAt",
]);

/**
 * The photo after `changes`, as every repository applies them: a key present with `undefined` clears an
 * optional field (and is ignored for a required one); identity and placement fields cannot change.
 */
export function applyPhotoChanges(photo: Photo, changes: PhotoChanges): Photo {
  const next: Record<string, unknown> = { ...photo };
  for (const [field, value] of Object.entries(changes)) {
    if (IMMUTABLE_FIELDS.has(field)) continue;
    if (value !== undefined) next[field] = value;
    else if (!REQUIRED_CHANGEABLE_FIELDS.has(field)) delete next[field];
  }
  return next as unknown as Photo;
}
