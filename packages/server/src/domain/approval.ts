import type { AttendeeRole } from "./event.js";
import { canReview } from "./event-roles.js";

/**
 * Approval mode, per event: `off` (nothing waits), `guests` (uploads through guest links wait) or
 * `everyone` (every upload waits, except those of whoever may review them).
 */
export const APPROVAL_MODES = ["off", "guests", "everyone"] as const;

export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/**
 * Where a photo stands in review, when its event's approval mode made it wait: `waiting` (its uploader and
 * the reviewers see it; nobody else), `rejected` (the reviewers only). A photo without one was never held,
 * or was approved. Independent of `status`: the pipeline processes a waiting photo as usual.
 */
export const PHOTO_REVIEW_STATES = ["waiting", "rejected"] as const;

export type PhotoReview = (typeof PHOTO_REVIEW_STATES)[number];

/** Most photos one review decision names: a bounded request, a bounded amount of work. */
export const MAX_REVIEW_BATCH = 50;

/** Who uploads: a guest through a link, or an attendee in their role. */
export type Uploader = { kind: "guest" } | { kind: "attendee"; role: AttendeeRole };

/** Whether a new upload waits for review, under the event's approval mode (absent: `off`). */
export function reviewOfNewUpload(
  mode: ApprovalMode | undefined,
  uploader: Uploader,
): PhotoReview | undefined {
  if (mode === undefined || mode === "off") return undefined;
  if (uploader.kind === "guest") return "waiting";
  return mode === "everyone" && !canReview(uploader.role) ? "waiting" : undefined;
}

/**
 * The review list a photo is on, if any: a waiting or rejected photo once it is processed (`ready`, or
 * `hidden` by moderation). One that is still pending has nothing to show yet; one the pipeline refused is
 * gone anyway. Both repositories index exactly this.
 */
export function reviewListOf(photo: { status: string; review?: PhotoReview }): PhotoReview | undefined {
  return photo.status === "ready" || photo.status === "hidden" ? photo.review : undefined;
}

/**
 * Whether review lets a viewer see the photo at all: a rejected one only a reviewer; a waiting one its
 * uploader and the reviewers; any other, anyone (the other rules still apply).
 */
export function reviewAllowsViewing(review: PhotoReview | undefined, isOwner: boolean, isReviewer: boolean) {
  if (review === undefined) return true;
  if (review === "rejected") return isReviewer;
  return isOwner || isReviewer;
}

/**
 * Whether review lets a gallery list the photo: a waiting one for its uploader only (marked "waiting for
 * review"; the reviewers see it in Review instead), a rejected one for nobody.
 */
export function reviewAllowsListing(review: PhotoReview | undefined, isOwner: boolean): boolean {
  return review === undefined || (review === "waiting" && isOwner);
}
