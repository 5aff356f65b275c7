import { objectKeysOf } from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { EventDeletionJob } from "../../ports/event-deletion-trigger.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";

export interface EventDeletionDeps {
  events: EventRepository;
  photos: PhotoRepository;
  photoBucket: PhotoBucket;
  shareLinks: ShareLinkRepository;
  guestLinks: GuestLinkRepository;
  clock: Clock;
  logger: Logger;
}

/** The steps of an event's deletion, in order; the queue records the one running (a crash says where). */
export const EVENT_DELETION_STEPS = [
  "mark",
  "guest-links",
  "event-share-links",
  "photos",
  "uploaders",
  "records",
] as const;
export type EventDeletionStep = (typeof EVENT_DELETION_STEPS)[number];

/** Photos removed per page; each page is read again from the start, since the last one is gone. */
const PHOTO_BATCH = 50;

/**
 * Removes an event and everything in it, in idempotent steps, so that a job that dies part-way simply
 * runs again and finishes: the mark (hides the event, and no ticket is issued for it any more), its guest
 * links (no guest ticket either), share links to the event, then each photo — share links to it, its
 * original and variants, then its record (a record outlives its objects, never the other way round, so a
 * rerun still finds what to delete) — then the event's list of uploaders, and last the event itself with its invite code, attendances and
 * invitations. An upload landing after its record went is an orphan object, which the pipeline deletes.
 */
export class EventDeletionService {
  constructor(private readonly deps: EventDeletionDeps) {}

  async run(job: EventDeletionJob, onStep: (step: EventDeletionStep) => void = () => {}): Promise<void> {
    const { eventId } = job;
    onStep("mark");
    await this.deps.events.markDeleting(eventId, this.deps.clock.now());
    onStep("guest-links");
    await this.deleteGuestLinks(eventId);
    onStep("event-share-links");
    await this.deps.shareLinks.deleteByTarget({ kind: "event", eventId });
    onStep("photos");
    const photos = await this.deletePhotos(eventId);
    onStep("uploaders");
    await this.deps.photos.forgetUploaders(eventId);
    onStep("records");
    await this.deps.events.deleteWithRecords(eventId);
    this.deps.logger.info("event.deleted", { eventId, photos });
  }

  private async deleteGuestLinks(eventId: string): Promise<void> {
    for (;;) {
      const page = await this.deps.guestLinks.listByEvent(eventId, { limit: PHOTO_BATCH });
      if (page.items.length === 0) return;
      for (const link of page.items) await this.deps.guestLinks.delete(link.id);
    }
  }

  private async deletePhotos(eventId: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const page = await this.deps.photos.listByEvent(eventId, { limit: PHOTO_BATCH });
      if (page.items.length === 0) return deleted;
      for (const photo of page.items) {
        await this.deps.shareLinks.deleteByTarget({ kind: "photo", photoId: photo.id });
        await Promise.all(objectKeysOf(photo).map((key) => this.deps.photoBucket.delete(key)));
        await this.deps.photos.delete(photo.id);
        deleted++;
      }
    }
  }
}
