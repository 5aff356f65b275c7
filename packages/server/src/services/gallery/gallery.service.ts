import { ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Attendance } from "../../domain/event.js";
import { isUrlSafeId } from "../../domain/identifiers.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import {
  canDeletePhoto,
  canViewPhoto,
  isListedInGallery,
  objectKeysOf,
  type Photo,
  type PhotoStatus,
} from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import type { GalleryOrder } from "../../domain/timeline.js";
import type { Uploader } from "../../domain/uploader.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";
import type { LabelCount, PhotoRepository } from "../../ports/photo-repository.js";
import { requireAttendance } from "../events/event-access.js";
import { parseLabelTerms, planLabelSearch } from "./label-search.js";
import { loadPhoto, loadVisiblePhoto } from "./photo-access.js";
import { type PhotoView, PhotoViews } from "./photo-views.js";
import { waitWhilePending } from "./wait-while-pending.js";

export type { PhotoView } from "./photo-views.js";

export interface GalleryServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  photoBucket: PhotoBucket;
  deliveryUrls: DeliveryUrls;
  /** Wakes long polls early when the pipeline runs in the same process (embedded host). */
  changes?: PhotoChangeNotifier;
}

export interface GalleryServiceOptions {
  /** Lifetime of variant and original URLs. Default 300 s. */
  viewUrlTtlSeconds: number;
}

/** Narrows a gallery: photos in one status (the organizer's moderation queue: `hidden`), or with a label. */
export interface GalleryFilter {
  status?: PhotoStatus;
  /** As the client typed it; matched case- and plural-insensitively. `ValidationError` when malformed. */
  label?: string;
  /** Several labels, all of which a photo must carry (AND), matched like `label`; at most 5. */
  labels?: string[];
  /**
   * An event gallery's order without a status or label filter: `added` (default, upload time) or
   * `captured` (the timeline: capture time, else upload time). Label results are in upload order.
   */
  order?: GalleryOrder;
  /** Events only: one uploader's photos, by owner id (`listUploaders`), or `"mine"` for the caller's. */
  uploader?: string;
}

const DEFAULT_OPTIONS: GalleryServiceOptions = { viewUrlTtlSeconds: 300 };
/**
 * Photos the caller may not see are filtered out after reading, so one page may need several reads.
 * Bounded, so a burst of others' pending uploads cannot make one request scan an event; a short page with
 * a cursor is then returned and the client simply asks for the next one.
 */
const MAX_READS_PER_PAGE = 5;
/** More than any labeler's vocabulary shows in one event; a chip row never needs more. */
const MAX_LABEL_SUGGESTIONS = 100;
/** A menu, not a list to page through: every guest link counts as one uploader. */
const MAX_UPLOADERS_LISTED = 500;

/** Browsing and deleting photos: event galleries, the caller's own photos, single photos. */
export class GalleryService {
  private readonly options: GalleryServiceOptions;
  private readonly views: PhotoViews;

  constructor(
    private readonly deps: GalleryServiceDeps,
    options: Partial<GalleryServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.views = new PhotoViews(deps, this.options.viewUrlTtlSeconds);
  }

  /**
   * An event's photos, newest first: the caller's own in any status, others' once ready — and hidden ones
   * too for the organizer and co-hosts; without a status filter, none gone for good; photos held for
   * review only for their uploader (`isListedInGallery`). `NotFoundError` / `NotAttendeeError` as for `EventService.get`;
   * `ValidationError` for a malformed label, cursor or limit.
   */
  async listEventPhotos(
    p: Principal,
    eventId: string,
    page: PageRequest,
    filter: GalleryFilter = {},
  ): Promise<Page<PhotoView>> {
    assertPageRequest(page);
    const stems = labelTermsOf(filter);
    const { attendance } = await requireAttendance(this.deps.events, p, eventId);
    const { status } = filter;
    const ownerId = uploaderFilter(p, filter.uploader);
    const search =
      stems.length === 0
        ? undefined
        : planLabelSearch(stems, await this.deps.photos.labelCountsByEvent(eventId));
    if (stems.length > 0 && search === undefined) return { items: [] };
    const photos = await this.collect(
      page,
      (next) =>
        search !== undefined
          ? this.deps.photos.listByLabel({ eventId }, search.driver, next)
          : ownerId !== undefined
            ? this.deps.photos.listByEvent(eventId, next, { ownerId })
            : filter.order === "captured" && status === undefined
              ? this.deps.photos.listByEventTimeline(eventId, next)
              : this.deps.photos.listByEvent(eventId, next, status === undefined ? {} : { status }),
      (photo) =>
        canViewPhoto(photo, p.userId, attendance) &&
        isListedFor(photo, p.userId, status) &&
        (search === undefined || search.matches(photo)) &&
        (ownerId === undefined || photo.ownerId === ownerId),
    );
    return this.viewsOf(photos, p, attendance);
  }

  /** Who has uploaded to the event (for the gallery's "uploaded by" filter), the caller marked. Attendees only. */
  async listUploaders(p: Principal, eventId: string): Promise<(Uploader & { isCaller: boolean })[]> {
    await requireAttendance(this.deps.events, p, eventId);
    const uploaders = await this.deps.photos.listUploaders(eventId, MAX_UPLOADERS_LISTED);
    return uploaders.map((uploader) => ({ ...uploader, isCaller: uploader.ownerId === p.userId }));
  }

  /**
   * Every photo the caller uploaded (library and events), newest first; without a status filter, all but
   * those gone for good (`isListedInGallery`).
   */
  async listMyPhotos(p: Principal, page: PageRequest, filter: GalleryFilter = {}): Promise<Page<PhotoView>> {
    assertPageRequest(page);
    const stems = labelTermsOf(filter);
    const search = stems.length === 0 ? undefined : planLabelSearch(stems);
    const { status } = filter;
    const photos = await this.collect(
      page,
      (next) =>
        search === undefined
          ? this.deps.photos.listByOwner(p.userId, next, status === undefined ? {} : { status })
          : this.deps.photos.listByLabel({ ownerId: p.userId }, search.driver, next),
      (photo) => isListedFor(photo, p.userId, status) && (search === undefined || search.matches(photo)),
    );
    return this.viewsOf(photos, p, undefined);
  }

  /**
   * The labels on the event's photos with how many carry each, most common first (at most 100): the
   * suggestions a search box offers. Attendees only, like the gallery.
   */
  async listEventLabels(p: Principal, eventId: string): Promise<LabelCount[]> {
    await requireAttendance(this.deps.events, p, eventId);
    return (await this.deps.photos.labelCountsByEvent(eventId)).slice(0, MAX_LABEL_SUGGESTIONS);
  }

  /**
   * A photo the caller may see; anything else is `NotFoundError`. With `waitWhilePendingSeconds`, a
   * pending photo is re-read until it leaves `pending` or the wait (≤ 25 s) ends: a client follows its
   * upload with one request at a time instead of polling.
   */
  async getPhoto(
    p: Principal,
    photoId: string,
    options: { waitWhilePendingSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<PhotoView> {
    const read = () => loadVisiblePhoto(this.deps, p, photoId);
    const { photo, attendance } = options.waitWhilePendingSeconds
      ? await waitWhilePending(read, (access) => access.photo.status === "pending", {
          photoId,
          seconds: options.waitWhilePendingSeconds,
          ...(this.deps.changes === undefined ? {} : { notifier: this.deps.changes }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        })
      : await read();
    return this.views.of(photo, p.userId, attendance);
  }

  /**
   * Deletes the photo's objects (original and variants), then its record, which releases its content
   * claim and label entries (objects first: a record without bytes is swept, bytes without a record would
   * be orphaned). Its owner or the event's organizer may; another attendee who can see it gets
   * `ForbiddenError`; anyone else `NotFoundError`.
   */
  async deletePhoto(p: Principal, photoId: string): Promise<void> {
    const { photo, attendance } = await loadPhoto(this.deps, p, photoId);
    if (!canDeletePhoto(photo, p.userId, attendance)) {
      const visible = canViewPhoto(photo, p.userId, attendance);
      throw visible
        ? new ForbiddenError("Only its owner or the organizer may delete this photo")
        : new NotFoundError("Photo", photoId);
    }
    for (const key of objectKeysOf(photo)) await this.deps.photoBucket.delete(key);
    await this.deps.photos.delete(photo.id);
  }

  /** Reads pages until `page.limit` kept photos, the end, or the read budget; the cursor stays exact. */
  private async collect(
    page: PageRequest,
    read: (next: PageRequest) => Promise<Page<Photo>>,
    keep: (photo: Photo) => boolean,
  ): Promise<Page<Photo>> {
    const items: Photo[] = [];
    let cursor = page.cursor;
    for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
      // Ask only for what is still missing, so every returned photo is consumed and the cursor is exact.
      const result = await read({
        limit: page.limit - items.length,
        ...(cursor === undefined ? {} : { cursor }),
      });
      items.push(...result.items.filter(keep));
      cursor = result.nextCursor;
      if (cursor === undefined || items.length === page.limit) break;
    }
    return cursor === undefined ? { items } : { items, nextCursor: cursor };
  }

  private async viewsOf(
    page: Page<Photo>,
    p: Principal,
    attendance: Attendance | undefined,
  ): Promise<Page<PhotoView>> {
    const eventNames = new Map<string, Promise<string | undefined>>();
    const items = await Promise.all(
      page.items.map((photo) => this.views.of(photo, p.userId, attendance, eventNames)),
    );
    return { ...page, items };
  }
}

/** The gallery rule for this viewer: status filter, and review (a held photo for its uploader only). */
function isListedFor(photo: Photo, viewerId: string, status: PhotoStatus | undefined): boolean {
  return isListedInGallery(photo.status, status, {
    review: photo.review,
    viewerIsOwner: photo.ownerId === viewerId,
  });
}

/** The label terms of a filter (`label` and `labels` together), as stems. */
function labelTermsOf(filter: GalleryFilter): string[] {
  const terms = [...(filter.label === undefined ? [] : [filter.label]), ...(filter.labels ?? [])];
  return terms.length === 0 ? [] : parseLabelTerms(terms);
}

/** The owner id an uploader filter names; `ValidationError` for one no owner id could have. */
function uploaderFilter(p: Principal, uploader: string | undefined): string | undefined {
  if (uploader === undefined) return undefined;
  if (uploader === "mine") return p.userId;
  if (!isUrlSafeId(uploader)) throw new ValidationError("uploader must be an owner id or 'mine'");
  return uploader;
}
