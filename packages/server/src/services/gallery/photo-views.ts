import { attachmentDisposition, downloadNames } from "../../domain/download-name.js";
import type { Attendance } from "../../domain/event.js";
import { canApprovePhoto, type Photo, type PhotoStatus, photoForViewer } from "../../domain/photo.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";

/** A photo as one viewer may see it, with the URLs they may use. */
export interface PhotoView {
  /** Already reduced to what this viewer may see (`photoForViewer`): no GPS unless theirs. */
  photo: Photo;
  urls: { thumb?: string; web?: string; original?: string };
  viewer: {
    /** The owner sees everything: position, status details, the original. */
    isOwner: boolean;
    /** Owner or organizer: sees the moderation scores; the organizer may approve. */
    canModerate: boolean;
  };
}

/** Statuses in which the original is still stored, so its owner gets a URL to it. */
const ORIGINAL_KEPT: ReadonlySet<PhotoStatus> = new Set(["ready", "hidden", "failed"]);

/**
 * Builds `PhotoView`s: the variants through `DeliveryUrls` for anyone who may view the photo; the original,
 * which may carry EXIF and GPS, for its owner only, straight from the private bucket.
 */
export class PhotoViews {
  constructor(
    private readonly deps: {
      deliveryUrls: DeliveryUrls;
      photoBucket: Pick<PhotoBucket, "presignRead">;
      events: Pick<EventRepository, "get">;
    },
    private readonly ttlSeconds: number,
  ) {}

  /**
   * `attendance`: the viewer's attendance of the photo's event, if any. `eventNames`: shared by the views
   * of one page, so a page of one event's photos reads the event once (for the originals' file names).
   */
  async of(
    photo: Photo,
    viewerId: string,
    attendance: Attendance | undefined,
    eventNames: Map<string, Promise<string | undefined>> = new Map(),
  ): Promise<PhotoView> {
    const isOwner = photo.ownerId === viewerId;
    const ttl = this.ttlSeconds;
    const variants = photo.status === "ready" || photo.status === "hidden" ? photo.variants : undefined;
    const [thumb, web, original] = await Promise.all([
      variants && this.deps.deliveryUrls.signedUrl(variants.thumb.key, ttl),
      variants && this.deps.deliveryUrls.signedUrl(variants.web.key, ttl),
      isOwner && ORIGINAL_KEPT.has(photo.status) ? this.originalUrl(photo, eventNames) : undefined,
    ]);
    return {
      photo: photoForViewer(photo, viewerId, attendance),
      urls: {
        ...(thumb === undefined ? {} : { thumb }),
        ...(web === undefined ? {} : { web }),
        ...(original === undefined ? {} : { original }),
      },
      viewer: { isOwner, canModerate: isOwner || canApprovePhoto(photo, viewerId, attendance) },
    };
  }

  /**
   * The original as a download, never a page of the store's: signed with `response-content-disposition:
   * attachment` and a readable name (`downloadNames`), on both hosts.
   */
  private async originalUrl(photo: Photo, eventNames: Map<string, Promise<string | undefined>>) {
    let eventName: Promise<string | undefined> | undefined;
    if (photo.eventId !== undefined) {
      const { eventId } = photo;
      eventName = eventNames.get(eventId);
      if (eventName === undefined) {
        eventName = this.deps.events.get(eventId).then((event) => event?.name);
        eventNames.set(eventId, eventName);
      }
    }
    const names = downloadNames(await eventName, photo);
    return this.deps.photoBucket.presignRead(photo.objectKey, this.ttlSeconds, {
      contentDisposition: attachmentDisposition(names),
    });
  }
}
