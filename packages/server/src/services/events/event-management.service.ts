import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import type { AttendeeRole, Event } from "../../domain/event.js";
import { canChangeSettings, canDeleteEvent } from "../../domain/event-roles.js";
import type { Principal } from "../../domain/principal.js";
import { type UploadWindowView, uploadWindowView } from "../../domain/upload-window.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventDeletionTrigger } from "../../ports/event-deletion-trigger.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { findAttendedEvent } from "./event-access.js";
import { canBeEventCover, findEventCover } from "./event-cover.js";
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

  /** Organizer only (`canChangeSettings`). A cover must be a ready photo of this event, not held for review. */
  async updateSettings(p: Principal, eventId: string, input: EventSettingsInput): Promise<Event> {
    const { event } = await this.requireRight(p, eventId, canChangeSettings, "change the event");
    const next = applyEventSettings(event, input);
    if (input.coverPhotoId != null && input.coverPhotoId !== event.coverPhotoId) {
      const photo = await this.deps.photos.get(input.coverPhotoId);
      if (!canBeEventCover(photo, eventId)) {
        throw new ValidationError(
          "coverPhotoId must name a ready photo of this event that is not held for review",
        );
      }
    }
    return this.deps.events.updateSettings(next);
  }

  /**
   * Organizer only. Queues the deletion first, then marks the event: if queuing fails nothing changed and
   * the organizer may try again; if marking fails, the job marks it before anything else.
   */
  async requestDeletion(p: Principal, eventId: string): Promise<void> {
    await this.requireRight(p, eventId, canDeleteEvent, "delete the event");
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
      findEventCover(this.deps.photos, event),
    ]);
    const thumbKey = cover?.variants?.thumb.key;
    const coverThumbUrl =
      thumbKey === undefined
        ? undefined
        : await this.deps.deliveryUrls.signedUrl(thumbKey, this.options.viewUrlTtlSeconds);
    return { photoCount, attendeeCount, ...(coverThumbUrl === undefined ? {} : { coverThumbUrl }) };
  }

  private async requireRight(
    p: Principal,
    eventId: string,
    allowed: (role: AttendeeRole) => boolean,
    what: string,
  ) {
    const access = await findAttendedEvent(this.deps.events, p, eventId);
    if (!allowed(access.attendance.role)) throw new ForbiddenError(`Only the organizer may ${what}`);
    return access;
  }
}
