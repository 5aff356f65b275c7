import {
  APPROVAL_MODES,
  type ApprovalMode,
  MAX_REVIEW_BATCH,
  type PhotoReview,
} from "../../domain/approval.js";
import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import { canChangeSettings, canReview } from "../../domain/event-roles.js";
import { isUrlSafeId } from "../../domain/identifiers.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { type EventAccess, findAttendedEvent } from "../events/event-access.js";
import { type PhotoView, PhotoViews } from "../gallery/photo-views.js";

export interface ReviewServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  photoBucket: Pick<PhotoBucket, "presignRead">;
  deliveryUrls: DeliveryUrls;
  clock: Clock;
}

export type ReviewDecision = "approve" | "reject";

/**
 * What a decision did to one photo: `approved` / `rejected` (also when it already was), `notFound` (no
 * such photo in this event), `notReviewable` (not held for review, or not processed yet).
 */
export type ReviewOutcome = "approved" | "rejected" | "notFound" | "notReviewable";

/** Statuses a held photo can be decided in: processed, so the reviewer saw what they decide on. */
const DECIDABLE = ["ready", "hidden"] as const;

/**
 * Approval mode and the review queue: the organizer sets whose uploads wait; the organizer and co-hosts
 * (`canReview`) list what waits and approve or reject it, one photo or a bounded batch at a time.
 * Rejected photos are kept, visible to reviewers only (a mistaken rejection can be approved later), and
 * are never listed in a gallery. Review is independent of moderation's `hidden`, which stays as it is.
 */
export class ReviewService {
  private readonly views: PhotoViews;

  constructor(
    private readonly deps: ReviewServiceDeps,
    options: { viewUrlTtlSeconds?: number } = {},
  ) {
    this.views = new PhotoViews(deps, options.viewUrlTtlSeconds ?? 300);
  }

  /**
   * Sets whose uploads wait from now on (photos already uploaded keep their state). The organizer only;
   * `ValidationError` for an unknown mode, `ForbiddenError` for other attendees, `NotFoundError` otherwise.
   */
  async setApprovalMode(p: Principal, eventId: string, mode: string): Promise<Event> {
    if (!(APPROVAL_MODES as readonly string[]).includes(mode)) {
      throw new ValidationError(`mode must be one of ${APPROVAL_MODES.join(", ")}`);
    }
    const { attendance } = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canChangeSettings(attendance.role)) {
      throw new ForbiddenError("Only the organizer may change the approval mode");
    }
    return this.deps.events.setApprovalMode(eventId, mode as ApprovalMode);
  }

  /** The event's photos waiting (or rejected), newest first, with thumbnails; reviewers only. */
  async listQueue(
    p: Principal,
    eventId: string,
    review: PhotoReview,
    page: PageRequest,
  ): Promise<Page<PhotoView>> {
    assertPageRequest(page);
    const { attendance } = await this.requireReviewer(p, eventId);
    const photos = await this.deps.photos.listForReview(eventId, review, page);
    const items = await Promise.all(photos.items.map((photo) => this.views.of(photo, p.userId, attendance)));
    return { ...photos, items };
  }

  /**
   * Approves or rejects up to `MAX_REVIEW_BATCH` photos of the event, each on its own: one that cannot be
   * decided does not stop the others, and deciding again what is already decided changes nothing.
   */
  async decide(
    p: Principal,
    eventId: string,
    photoIds: readonly string[],
    decision: ReviewDecision,
  ): Promise<{ photoId: string; outcome: ReviewOutcome }[]> {
    const unique = [...new Set(photoIds)];
    if (unique.length === 0) throw new ValidationError("Name at least one photo");
    if (unique.length > MAX_REVIEW_BATCH) {
      throw new ValidationError(`At most ${MAX_REVIEW_BATCH} photos at a time`);
    }
    await this.requireReviewer(p, eventId);
    const now = this.deps.clock.now();
    return Promise.all(
      unique.map(async (photoId) => ({
        photoId,
        outcome: await this.decideOne(eventId, photoId, decision, now),
      })),
    );
  }

  private async decideOne(
    eventId: string,
    photoId: string,
    decision: ReviewDecision,
    now: Date,
  ): Promise<ReviewOutcome> {
    const photo = isUrlSafeId(photoId) ? await this.deps.photos.get(photoId) : undefined;
    if (photo === undefined || photo.eventId !== eventId) return "notFound";
    const wanted = decision === "approve" ? undefined : "rejected";
    const outcome = decision === "approve" ? "approved" : "rejected";
    if (!isDecidable(photo)) return "notReviewable";
    if (photo.review === wanted) return outcome;
    // Reject applies to held photos only; approve also takes a rejection back.
    if (decision === "reject" && photo.review === undefined) return "notReviewable";
    const changed = await this.deps.photos.transition(photo.id, DECIDABLE, {
      review: wanted,
      updatedAt: now,
    });
    return changed === undefined ? "notReviewable" : outcome;
  }

  private async requireReviewer(p: Principal, eventId: string): Promise<EventAccess> {
    const access = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canReview(access.attendance.role)) {
      throw new ForbiddenError("Only the organizer and co-hosts may review photos");
    }
    return access;
  }
}

/** Processed, so the reviewer saw what they decide on (a pending photo has no thumbnail yet). */
function isDecidable(photo: Photo): boolean {
  return (DECIDABLE as readonly string[]).includes(photo.status);
}
