import { type PhotoReview, reviewAllowsListing, reviewAllowsViewing } from "./approval.js";
import type { Attendance } from "./event.js";
import { canModerate } from "./event-roles.js";
import { variantObjectKey } from "./object-keys.js";
import type { CameraInfo, ExposureInfo, GpsPosition, PhotoLabel, PhotoVariants } from "./photo-details.js";

/**
 * `pending`: the record exists, the bytes may not yet, or the pipeline is working on them.
 * `ready`: processed and visible to the event. `hidden`: processed, but moderation flagged it: only its
 * owner and the event's organizer see it until approved. `duplicate`: the same bytes are already in the
 * event (or the owner's library); its object was removed. `rejected`: the bytes were not an acceptable
 * image. `failed`: the pipeline gave up after its retries; the owner may retry. `expired`: the ticket ran
 * out and nothing arrived.
 */
export const PHOTO_STATUSES = [
  "pending",
  "ready",
  "hidden",
  "duplicate",
  "rejected",
  "failed",
  "expired",
] as const;

export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

/** Photos gone for good (their upload said why): still there for their owner, but not in a gallery. */
const GONE_STATUSES: ReadonlySet<PhotoStatus> = new Set(["duplicate", "rejected", "expired"]);

/**
 * The galleries' default status filter, in one place: a gallery asked for no status lists every photo
 * except those gone for good; asked for one status, only that status. With `review` (the photo's review
 * state and whether the viewer uploaded it), a photo held for review is listed for its uploader only
 * (`reviewAllowsListing`): reviewers find it in Review, everyone else never.
 */
export function isListedInGallery(
  status: PhotoStatus,
  filter?: PhotoStatus,
  review?: { review?: PhotoReview | undefined; viewerIsOwner: boolean },
): boolean {
  if (review !== undefined && !reviewAllowsListing(review.review, review.viewerIsOwner)) return false;
  return filter === undefined ? !GONE_STATUSES.has(status) : status === filter;
}

/** The pipeline's steps, in order; a failed photo names the one that gave up. */
export const PIPELINE_STEPS = ["verify", "metadata", "variants", "labels", "duplicates", "record"] as const;

export type PipelineStep = (typeof PIPELINE_STEPS)[number];

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
  /**
   * Guest uploads only (owner id `guest_{linkId}`, see `guestOwnerId`): the name the guest chose to show.
   * Nobody signs in as a guest owner, so a guest photo's original is never served to anyone.
   */
  guestName?: string;
  /**
   * Who uploaded it, as others see them (`uploaderNameOf`): the account's display name, or the guest's
   * name, or "Guest". Recorded at ticket time, so a later rename does not rewrite history.
   */
  uploaderName?: string;
  /**
   * Guest uploads only: SHA-256 of the delete capability handed to the guest with the ticket (the secret
   * itself is never stored). Presenting the secret while the link is active deletes the photo.
   */
  guestKeyHash?: string;
  status: PhotoStatus;
  /** Why it was rejected, failed or is a duplicate (or why the last attempt failed, while pending); owner only. */
  statusReason?: string;
  /** `failed` (or pending after a failed attempt): the step that failed. */
  failedStep?: PipelineStep;
  /** `duplicate`: the photo that already holds the same bytes. */
  duplicateOf?: string;
  size?: number;
  /** Upright dimensions (EXIF orientation applied), as viewers see the photo. */
  width?: number;
  height?: number;
  format?: string;
  /** The ETag of the object version the pipeline processed: with the id, what makes it idempotent. */
  etag?: string;
  /** Hex SHA-256 of the original bytes; finds duplicates. */
  sha256?: string;
  /** EXIF orientation 1..8 as stored in the original. */
  orientation?: number;
  takenAt?: Date;
  /**
   * The camera's UTC offset when it took the photo (EXIF `OffsetTimeOriginal`, "+02:00"), so a timeline can
   * show the day as it was where the photo was taken. Absent: `takenAt` is the camera's clock read as UTC.
   */
  takenAtOffset?: string;
  camera?: CameraInfo;
  exposure?: ExposureInfo;
  /** Where it was taken. Private: only the owner ever sees it. */
  gps?: GpsPosition;
  colorProfile?: string;
  /** Stripped renditions viewers get; the original is served to its owner only. */
  variants?: PhotoVariants;
  blurhash?: string;
  /** Objects and scenes at or above the labeling threshold, highest confidence first. */
  labels?: PhotoLabel[];
  /** Moderation categories found, highest first; shown to the owner and the organizer only. */
  moderation?: PhotoLabel[];
  /** Held by the event's approval mode: `waiting` or `rejected` (`approval.ts`); absent once approved. */
  review?: PhotoReview;
  createdAt: Date;
  updatedAt: Date;
  /** When the upload ticket stops working; a pending photo past it is swept. */
  uploadExpiresAt: Date;
}

/** Fields a status transition may change; identity and placement never change. */
export type PhotoChanges = Partial<Omit<Photo, "id" | "ownerId" | "eventId" | "objectKey" | "createdAt">>;

/** The rendition names, each stored at `variants/{photoId}/{name}.webp`. */
export type VariantName = "thumb" | "web";

/**
 * Every object key that belongs to the photo, for deletion: the original and its variants. The variant
 * keys are included even when the record names none, because a pipeline run that crashed before its final
 * write may have stored them (deleting a missing key is not an error).
 */
export function objectKeysOf(photo: Photo): string[] {
  return [photo.objectKey, variantObjectKey(photo.id, "thumb"), variantObjectKey(photo.id, "web")];
}

/**
 * Where duplicates are looked for: the photo's event, or its owner's library. Two photos in the same
 * scope with the same SHA-256 are the same photo.
 *
 * @example contentScopeOf({ ownerId: "u1" }) // → "library:u1"
 */
export function contentScopeOf(photo: Pick<Photo, "ownerId" | "eventId">): string {
  return photo.eventId === undefined ? `library:${photo.ownerId}` : `event:${photo.eventId}`;
}

/** Statuses in which a photo is (or may still become) the surviving copy of its bytes. */
const HOLDS_ITS_CONTENT: ReadonlySet<PhotoStatus> = new Set(["pending", "ready", "hidden", "failed"]);

/** Whether `photo` still keeps its bytes, so that a later identical upload is its duplicate. */
export function holdsItsContent(photo: Photo | undefined): boolean {
  return photo !== undefined && HOLDS_ITS_CONTENT.has(photo.status);
}

/**
 * Who may see a photo: its owner always (any status); the moderators of its event (organizer, co-hosts)
 * once it is ready or hidden; another attendee of its event once it is ready. Review narrows that: a
 * waiting photo only its owner and the moderators, a rejected one the moderators only.
 */
export function canViewPhoto(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  const isOwner = photo.ownerId === viewerId;
  if (!reviewAllowsViewing(photo.review, isOwner, isModeratorOf(photo, viewerId, attendance))) return false;
  if (isOwner) return true;
  if (!attendsPhotoEvent(photo, viewerId, attendance)) return false;
  return (
    photo.status === "ready" || (photo.status === "hidden" && isModeratorOf(photo, viewerId, attendance))
  );
}

/** Who may delete a photo: its owner, or a moderator of its event (organizer, co-hosts). */
export function canDeletePhoto(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  if (photo.ownerId === viewerId) return true;
  return isModeratorOf(photo, viewerId, attendance);
}

/**
 * Who may approve a hidden photo (make it `ready`): a moderator of its event; for a library photo, which
 * nobody else ever sees, its owner.
 */
export function canApprovePhoto(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  if (photo.eventId === undefined) return photo.ownerId === viewerId;
  return isModeratorOf(photo, viewerId, attendance);
}

/** Who sees the moderation scores: the owner and whoever may approve. */
export function canSeeModeration(
  photo: Photo,
  viewerId: string,
  attendance: Attendance | undefined,
): boolean {
  return photo.ownerId === viewerId || canApprovePhoto(photo, viewerId, attendance);
}

/**
 * The photo as a viewer who is not its owner may receive it: without its position, its hash, the
 * owner-only status details, and — unless they may approve it — its moderation scores. The owner gets it
 * whole. Applied by the service, so no presenter can leak what it never received.
 */
export function photoForViewer(photo: Photo, viewerId: string, attendance: Attendance | undefined): Photo {
  if (photo.ownerId === viewerId) return photo;
  const {
    gps: _gps,
    sha256: _sha256,
    statusReason: _statusReason,
    failedStep: _failedStep,
    duplicateOf: _duplicateOf,
    guestKeyHash: _guestKeyHash,
    moderation,
    ...shared
  } = photo;
  return canSeeModeration(photo, viewerId, attendance) && moderation !== undefined
    ? { ...shared, moderation }
    : shared;
}

/** The organizer or a co-host of the photo's event: whoever moderates it (`canModerate`). */
function isModeratorOf(photo: Photo, viewerId: string, attendance: Attendance | undefined): boolean {
  return (
    attendsPhotoEvent(photo, viewerId, attendance) && attendance !== undefined && canModerate(attendance.role)
  );
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
