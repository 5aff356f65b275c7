import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import type { Principal } from "../../domain/principal.js";
import { type UploadWindowView, uploadWindowView } from "../../domain/upload-window.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventDeletionTrigger } from "../../ports/event-deletion-trigger.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { findAttendedEvent } from "./event-access.js";
import { applyEventSettings, type EventSettingsInput } from "./event-settings.js";

export interface EventManagementDeps {
  events: EventRepository;
  photos: PhotoRepository;
  deliveryUrls: DeliveryUrls;
  deletions: EventDeletionTrigger;
  clock: Clock;
}

/** What the events list shows beside an event: its cover, and how many photos and attendees it has. */
export interface EventOverview {
  coverThumbUrl?: string;
  photoCount: number;
  attendeeCount: number;
}

/**
 * The organizer runs the event: edits its details, cover and upload window, and deletes it. Deleting
 * marks the event (it is gone for everyone at once) and queues a job that removes everything it holds
 * (`EventDeletionService`).
 */
export class EventManagementService {
  constructor(
    private readonly deps: EventManagementDeps,
    private readonly options: { viewUrlTtlSeconds: number },
  ) {}

  /** Organizer only. A cover must be a ready photo of this event. */
  async updateSettings(p: Principal, eventId: string, input: EventSettingsInput): Promise<Event> {
    const { event } = await this.requireOrganizer(p, eventId);
    const next = applyEventSettings(event, input);
    if (input.coverPhotoId != null && input.coverPhotoId !== event.coverPhotoId) {
      const photo = await this.deps.photos.get(input.coverPhotoId);
      if (photo?.eventId !== eventId || photo.status !== "ready") {
        throw new ValidationError("coverPhotoId must name a ready photo of this event");
      }
    }
    return this.deps.events.updateSettings(next);
  }

  /**
   * Organizer only. Queues the deletion first, then marks the event: if queuing fails nothing changed and
   * the organizer may try again; if marking fails, the job marks it before anything else.
   */
  async requestDeletion(p: Principal, eventId: string): Promise<void> {
    await this.requireOrganizer(p, eventId);
    await this.deps.deletions.enqueue({ eventId });
    await this.deps.events.markDeleting(eventId, this.deps.clock.now());
  }

  /** The upload window as clients see it now. */
  uploadWindowOf(event: Event): UploadWindowView {
    return uploadWindowView(event, this.deps.clock.now());
  }

  /**
   * Cover, ready-photo count and attendee count. Counts are count queries over indexes (no counters to
   * keep in step). Without a chosen cover — or when it is no longer ready — the newest ready photo stands in.
   */
  async overviewOf(event: Event): Promise<EventOverview> {
    const [photoCount, attendeeCount, cover] = await Promise.all([
      this.deps.photos.countByEvent(event.id, "ready"),
      this.deps.events.countAttendees(event.id),
      this.coverOf(event),
    ]);
    const thumbKey = cover?.variants?.thumb.key;
    const coverThumbUrl =
      thumbKey === undefined
        ? undefined
        : await this.deps.deliveryUrls.signedUrl(thumbKey, this.options.viewUrlTtlSeconds);
    return { photoCount, attendeeCount, ...(coverThumbUrl === undefined ? {} : { coverThumbUrl }) };
  }

  private async coverOf(event: Event) {
    if (event.coverPhotoId !== undefined) {
      const chosen = await this.deps.photos.get(event.coverPhotoId);
      if (chosen?.eventId === event.id && chosen.status === "ready") return chosen;
    }
    const newest = await this.deps.photos.listByEvent(event.id, { limit: 1 }, { status: "ready" });
    return newest.items[0];
  }

  private async requireOrganizer(p: Principal, eventId: string) {
    const access = await findAttendedEvent(this.deps.events, p, eventId);
    if (access.attendance.role !== "organizer") {
      throw new ForbiddenError("Only the organizer may change or delete the event");
    }
    return access;
  }
}
