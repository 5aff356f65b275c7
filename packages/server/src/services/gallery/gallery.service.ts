import { ForbiddenError, NotFoundError } from "../../domain/errors.js";
import type { Attendance } from "../../domain/event.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import { canDeletePhoto, canViewPhoto, objectKeysOf, type Photo, viewKeyOf } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { ObjectStore } from "../../ports/object-store.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { requireAttendance } from "../events/event-access.js";

export interface GalleryServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  objectStore: ObjectStore;
  deliveryUrls: DeliveryUrls;
}

export interface GalleryServiceOptions {
  /** Lifetime of view and original URLs. Default 300 s. */
  viewUrlTtlSeconds: number;
}

/** A photo with the URLs this caller may use: `view` once it is ready, `original` for its owner only. */
export interface PhotoView {
  photo: Photo;
  urls: { view?: string; original?: string };
}

const DEFAULT_OPTIONS: GalleryServiceOptions = { viewUrlTtlSeconds: 300 };
/**
 * Others' photos that are not ready are filtered out after reading, so one page may need several reads.
 * Bounded, so a burst of pending uploads cannot make one request scan an event; a short page with a
 * cursor is then returned and the client simply asks for the next one.
 */
const MAX_READS_PER_PAGE = 5;

/** Browsing and deleting photos: event galleries, the caller's own library, single photos. */
export class GalleryService {
  private readonly options: GalleryServiceOptions;

  constructor(
    private readonly deps: GalleryServiceDeps,
    options: Partial<GalleryServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /**
   * An event's photos, newest first: the caller's own in any status, others' once ready.
   * `NotFoundError` / `NotAttendeeError` as for `EventService.get`.
   */
  async listEventPhotos(p: Principal, eventId: string, page: PageRequest): Promise<Page<PhotoView>> {
    assertPageRequest(page);
    await requireAttendance(this.deps.events, p, eventId);
    const visible = (photo: Photo) => photo.ownerId === p.userId || photo.status === "ready";
    const items: Photo[] = [];
    let cursor = page.cursor;
    for (let read = 0; read < MAX_READS_PER_PAGE; read++) {
      // Ask only for what is still missing, so every returned photo is consumed and the cursor is exact.
      const result = await this.deps.photos.listByEvent(eventId, {
        limit: page.limit - items.length,
        ...(cursor === undefined ? {} : { cursor }),
      });
      items.push(...result.items.filter(visible));
      cursor = result.nextCursor;
      if (cursor === undefined || items.length === page.limit) break;
    }
    return {
      items: await Promise.all(items.map((photo) => this.view(photo, p))),
      ...(cursor === undefined ? {} : { nextCursor: cursor }),
    };
  }

  /** Every photo the caller uploaded (library and events), newest first, in any status. */
  async listMyPhotos(p: Principal, page: PageRequest): Promise<Page<PhotoView>> {
    assertPageRequest(page);
    const result = await this.deps.photos.listByOwner(p.userId, page);
    return { ...result, items: await Promise.all(result.items.map((photo) => this.view(photo, p))) };
  }

  /** A photo the caller owns, or a ready photo of an event they attend; anything else is `NotFoundError`. */
  async getPhoto(p: Principal, photoId: string): Promise<PhotoView> {
    const { photo, attendance } = await this.load(p, photoId);
    if (!canViewPhoto(photo, p.userId, attendance)) throw new NotFoundError("Photo", photoId);
    return this.view(photo, p);
  }

  /**
   * Deletes the photo's objects, then its record (objects first: a record without bytes is swept, bytes
   * without a record would be orphaned). Its owner or the event's organizer may; another attendee who can
   * see it gets `ForbiddenError`; anyone else `NotFoundError`.
   */
  async deletePhoto(p: Principal, photoId: string): Promise<void> {
    const { photo, attendance } = await this.load(p, photoId);
    if (!canDeletePhoto(photo, p.userId, attendance)) {
      const visible = canViewPhoto(photo, p.userId, attendance);
      throw visible
        ? new ForbiddenError("Only its owner or the organizer may delete this photo")
        : new NotFoundError("Photo", photoId);
    }
    for (const key of objectKeysOf(photo)) await this.deps.objectStore.delete(key);
    await this.deps.photos.delete(photo.id);
  }

  private async load(p: Principal, photoId: string): Promise<{ photo: Photo; attendance?: Attendance }> {
    assertKnownIdShape("Photo", photoId);
    const photo = await this.deps.photos.get(photoId);
    if (photo === undefined) throw new NotFoundError("Photo", photoId);
    if (photo.ownerId === p.userId || photo.eventId === undefined) return { photo };
    const attendance = await this.deps.events.getAttendance(photo.eventId, p.userId);
    return attendance === undefined ? { photo } : { photo, attendance };
  }

  private async view(photo: Photo, p: Principal): Promise<PhotoView> {
    if (photo.status !== "ready") return { photo, urls: {} };
    const ttl = this.options.viewUrlTtlSeconds;
    const [view, original] = await Promise.all([
      this.deps.deliveryUrls.signedUrl(viewKeyOf(photo), ttl),
      // Originals may carry EXIF/GPS, so only their owner gets them — straight from the private bucket.
      photo.ownerId === p.userId ? this.deps.objectStore.presignRead(photo.objectKey, ttl) : undefined,
    ]);
    return { photo, urls: original === undefined ? { view } : { view, original } };
  }
}
