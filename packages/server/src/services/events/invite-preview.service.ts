import { NotFoundError } from "../../domain/errors.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { findEventCover } from "./event-cover.js";

export interface InvitePreviewServiceDeps {
  events: EventRepository;
  photos: PhotoRepository;
  deliveryUrls: DeliveryUrls;
}

/**
 * What the join page shows before anyone signs in: enough to know what one is joining, nothing more —
 * no attendees, no photos but the cover's stripped thumbnail, no description, no ids.
 */
export interface InvitePreview {
  eventName: string;
  startsAt?: string;
  /** The organizer's display name as they gave it when they made the event. */
  organizerName?: string;
  /** A short-lived signed URL of the cover's thumbnail variant (never the original). */
  coverUrl?: string;
}

const INVITE_CODE_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const COVER_URL_TTL_SECONDS = 600;

/** The public, rate-limited preview of an event by its invite code (`GET /api/invites/{code}`). */
export class InvitePreviewService {
  constructor(private readonly deps: InvitePreviewServiceDeps) {}

  /** `NotFoundError` for an unknown (or rotated) code. */
  async preview(inviteCode: string): Promise<InvitePreview> {
    const code = inviteCode.trim();
    const event = INVITE_CODE_SHAPE.test(code) ? await this.deps.events.findByInviteCode(code) : undefined;
    if (event === undefined) throw new NotFoundError("Invite code", code);
    const [organizer, cover] = await Promise.all([
      this.deps.events.getAttendance(event.id, event.organizerId),
      findEventCover(this.deps.photos, event),
    ]);
    const coverUrl =
      cover?.variants &&
      (await this.deps.deliveryUrls.signedUrl(cover.variants.thumb.key, COVER_URL_TTL_SECONDS));
    return {
      eventName: event.name,
      ...(event.startsAt === undefined ? {} : { startsAt: event.startsAt }),
      ...(organizer?.name === undefined ? {} : { organizerName: organizer.name }),
      ...(coverUrl ? { coverUrl } : {}),
    };
  }
}
