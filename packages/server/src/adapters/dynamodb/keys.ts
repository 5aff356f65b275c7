import type { PhotoReview } from "../../domain/approval.js";
import type { PhotoStatus } from "../../domain/photo.js";
import type { LabelScope } from "../../ports/photo-repository.js";

/**
 * Every key string of the single table, in one place (the README maps them to access patterns). Ids are
 * generated (base64url, Cognito subs) and label names have no `#`, so `#` separates parts unambiguously.
 */

/** A table key: the item's partition and sort key. */
export interface TableKey {
  PK: string;
  SK: string;
}

/** Digits of a sortable time: epoch milliseconds up to the year 33658. */
const TIME_DIGITS = 15;

/** Whether `epochMs` has a sortable form: a whole number of milliseconds from 1970 to the year 33658. */
export function isSortableTime(epochMs: number): boolean {
  return Number.isSafeInteger(epochMs) && epochMs >= 0 && epochMs < 10 ** TIME_DIGITS;
}

/**
 * Epoch milliseconds as a fixed-width string, so that string order (how DynamoDB sorts `S` keys) is time
 * order. Times before 1970 have no such form; no sort key holds one.
 */
export function sortableTime(epochMs: number): string {
  if (!isSortableTime(epochMs)) throw new RangeError(`Unsortable time ${epochMs}`);
  return String(epochMs).padStart(TIME_DIGITS, "0");
}

/** The sort key of every list: time, then an id that breaks ties (both compare as the other adapters do). */
export function timeThenId(epochMs: number, id: string): string {
  return `${sortableTime(epochMs)}#${id}`;
}

/** A photo item; its partition also holds the notes of the content claims the photo holds. */
export const photoKey = (photoId: string): TableKey => ({ PK: `PHOTO#${photoId}`, SK: "PHOTO" });

/** The item that makes `(scope, sha256)` unique: whoever it names holds the bytes. */
export const claimKey = (scope: string, sha256: string): TableKey => ({
  PK: `CLAIM#${scope}#${sha256}`,
  SK: "CLAIM",
});

/**
 * A holder's note of a claim it holds, beside its photo item: deleting the photo finds its claims with a
 * strongly consistent Query of its own partition (a claimant need not have a photo item, nor a `sha256`).
 */
export const claimNoteKey = (photoId: string, scope: string, sha256: string): TableKey => ({
  PK: `PHOTO#${photoId}`,
  SK: `CLAIM#${scope}#${sha256}`,
});

/** The prefix of every claim note in a photo's partition. */
export const CLAIM_NOTE_PREFIX = "CLAIM#";

/** The label index's partition: one per (scope, label), each entry sorted newest first by the Query. */
export function labelPartition(scope: LabelScope, label: string): string {
  const owner = "eventId" in scope ? `EVENT#${scope.eventId}` : `USER#${scope.ownerId}`;
  return `${owner}#LABEL#${label}`;
}

/** An event item; its partition also holds the event's attendances and invitations. */
export const eventKey = (eventId: string): TableKey => ({ PK: `EVENT#${eventId}`, SK: "EVENT" });

/** The item that makes invite codes unique; it names the event holding the code. */
export const inviteCodeKey = (code: string): TableKey => ({ PK: `INVITE_CODE#${code}`, SK: "INVITE_CODE" });

export const attendanceKey = (eventId: string, userId: string): TableKey => ({
  PK: `EVENT#${eventId}`,
  SK: `ATTENDEE#${userId}`,
});

export const invitationKey = (eventId: string, email: string): TableKey => ({
  PK: `EVENT#${eventId}`,
  SK: `INVITATION#${email}`,
});

/** A share link; its token hash is reserved by a `shareTokenKey` item written in the same transaction. */
export const shareLinkKey = (linkId: string): TableKey => ({ PK: `SHARE#${linkId}`, SK: "SHARE" });

/** The item that makes a share token hash unique; it names the link (`linkId`). */
export const shareTokenKey = (tokenHash: string): TableKey => ({
  PK: `SHARE_TOKEN#${tokenHash}`,
  SK: "SHARE_TOKEN",
});

/** A guest-upload link, with its upload counters; its token hash is reserved like a share link's. */
export const guestLinkKey = (linkId: string): TableKey => ({ PK: `GUEST_LINK#${linkId}`, SK: "GUEST_LINK" });

export const guestTokenKey = (tokenHash: string): TableKey => ({
  PK: `GUEST_TOKEN#${tokenHash}`,
  SK: "GUEST_TOKEN",
});

/**
 * One rate-limit counter: attempts under `key` of the limiter `scope` in the fixed window starting at
 * `windowStartMs`. Each window is its own item, so a new window needs no reset and old ones just expire (TTL).
 */
export const rateCounterKey = (scope: string, key: string, windowStartMs: number): TableKey => ({
  PK: `RATE#${scope}#${key}`,
  SK: sortableTime(windowStartMs),
});

/** Partition values of the secondary indexes (which index holds which: see the README). */
export const indexPartitions = {
  eventPhotos: (eventId: string) => `EVENT#${eventId}#PHOTOS`,
  eventPhotosInStatus: (eventId: string, status: PhotoStatus) => `EVENT#${eventId}#PHOTOS#${status}`,
  /** GSI6: the event's photos by `timelineTime` (capture, else upload time). */
  eventTimeline: (eventId: string) => `EVENT#${eventId}#TIMELINE`,
  /** GSI6: the event's label entries by label name, so one Query counts them. */
  eventLabels: (eventId: string) => `EVENT#${eventId}#LABELS`,
  ownerPhotos: (ownerId: string) => `USER#${ownerId}#PHOTOS`,
  ownerPhotosInStatus: (ownerId: string, status: PhotoStatus) => `USER#${ownerId}#PHOTOS#${status}`,
  /** One partition for the sweep: see the README on its throughput. */
  pendingUploads: () => "PENDING_UPLOADS",
  /** An event's review list (`reviewListOf`), on GSI5 too: a photo on it is never pending. */
  eventReview: (eventId: string, review: PhotoReview) => `EVENT#${eventId}#REVIEW#${review}`,
  eventAttendees: (eventId: string) => `EVENT#${eventId}#ATTENDEES`,
  userEvents: (userId: string) => `USER#${userId}#EVENTS`,
  emailInvitations: (email: string) => `EMAIL#${email}#INVITATIONS`,
  ownerShareLinks: (ownerId: string) => `USER#${ownerId}#SHARE_LINKS`,
  eventGuestLinks: (eventId: string) => `EVENT#${eventId}#GUEST_LINKS`,
  /** Share links by what they show, so they go when it is deleted (`SHARE_TARGET#photo#{id}`). */
  shareTargetLinks: (kind: "photo" | "event", id: string) => `SHARE_TARGET#${kind}#${id}`,
};
