import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Attendance } from "../../domain/event.js";
import { canManageLinks } from "../../domain/event-roles.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import { type LinkStatus, linkExpiry, linkStatus, parseLinkPassword } from "../../domain/link-rules.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import {
  PHOTO_SHARE_DEFAULT_SECONDS,
  PHOTO_SHARE_MAX_SECONDS,
  PHOTO_SHARE_MIN_SECONDS,
  type ShareLink,
  type ShareTarget,
} from "../../domain/share-link.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { Ids } from "../../ports/ids.js";
import type { LinkTokens } from "../../ports/link-tokens.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";
import { findAttendedEvent } from "../events/event-access.js";
import { loadVisiblePhoto } from "../gallery/photo-access.js";

export interface SharingServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  shareLinks: ShareLinkRepository;
  deliveryUrls: DeliveryUrls;
  passwords: PasswordHasher;
  tokens: LinkTokens;
  ids: Ids;
  clock: Clock;
}

export interface CreateShareLinkInput {
  photoId?: string;
  eventId?: string;
  expiresAt?: Date;
  password?: string;
  allowDownload?: boolean;
}

/** A link as its creator sees it in their list (the token is not stored, so it is not in here). */
export interface ShareLinkView {
  link: ShareLink;
  status: LinkStatus;
}

/**
 * Sharing by signed-in users: a time-limited URL to one photo's `web` variant, and revocable share links
 * (`/s/{token}`) to a photo or a whole event, which their creator lists and revokes. Who may share: a
 * photo's owner or its event's organizer; an event: its organizer only — attendees share their own photos,
 * not everyone's.
 */
export class SharingService {
  constructor(private readonly deps: SharingServiceDeps) {}

  /**
   * A signed URL to the photo's `web` variant (never the original: it may carry EXIF and GPS), valid for
   * `expiresInSeconds` (default 24 h, 60 s – 7 days). `NotFoundError` for unknown or invisible photos,
   * `ForbiddenError` for viewers who are neither owner nor organizer, `ConflictError` until it is ready.
   */
  async sharePhoto(
    p: Principal,
    photoId: string,
    options: { expiresInSeconds?: number } = {},
  ): Promise<{ url: string; expiresAt: Date }> {
    const ttl = options.expiresInSeconds ?? PHOTO_SHARE_DEFAULT_SECONDS;
    if (!Number.isInteger(ttl) || ttl < PHOTO_SHARE_MIN_SECONDS || ttl > PHOTO_SHARE_MAX_SECONDS) {
      throw new ValidationError(
        `expiresInSeconds must be a whole number from ${PHOTO_SHARE_MIN_SECONDS} to ${PHOTO_SHARE_MAX_SECONDS}`,
      );
    }
    const photo = await this.shareablePhoto(p, photoId);
    const url = await this.deps.deliveryUrls.signedUrl(photo.variants!.web.key, ttl);
    return { url, expiresAt: new Date(this.deps.clock.now().getTime() + ttl * 1000) };
  }

  /**
   * Makes a share link to exactly one of `photoId` / `eventId`. Returns the link and its token — the only
   * time the token is available (only its hash is stored). `ValidationError` for bad input; permissions as
   * for `sharePhoto`, and for an event: `NotFoundError` to non-attendees, `ForbiddenError` to attendees.
   */
  async createLink(p: Principal, input: CreateShareLinkInput): Promise<{ link: ShareLink; token: string }> {
    if ((input.photoId === undefined) === (input.eventId === undefined)) {
      throw new ValidationError("Share either a photoId or an eventId");
    }
    const now = this.deps.clock.now();
    const expiresAt = linkExpiry(now, input.expiresAt);
    const password = parseLinkPassword(input.password);
    const target = await this.shareableTarget(p, input);
    const token = this.deps.tokens.newToken();
    const link: ShareLink = {
      id: this.deps.ids.newId(),
      tokenHash: this.deps.tokens.hashOf(token),
      ownerId: p.userId,
      target,
      allowDownload: input.allowDownload ?? false,
      ...(password === undefined ? {} : { passwordHash: await this.deps.passwords.hash(password) }),
      createdAt: now,
      expiresAt,
    };
    await this.deps.shareLinks.create(link);
    return { link, token };
  }

  /** The caller's links, newest first, with their status now. */
  async listLinks(p: Principal, page: PageRequest): Promise<Page<ShareLinkView>> {
    assertPageRequest(page);
    const links = await this.deps.shareLinks.listByOwner(p.userId, page);
    const now = this.deps.clock.now();
    return { ...links, items: links.items.map((link) => ({ link, status: linkStatus(link, now) })) };
  }

  /**
   * Revokes one of the caller's links at once: its page and JSON stop answering, and the image URLs it
   * handed out lapse within their short lifetime. Revoking twice is harmless. Anyone else's link, or an
   * unknown id: `NotFoundError`.
   */
  async revokeLink(p: Principal, linkId: string): Promise<ShareLinkView> {
    assertKnownIdShape("Share link", linkId);
    const link = await this.deps.shareLinks.get(linkId);
    if (link === undefined || link.ownerId !== p.userId) throw new NotFoundError("Share link", linkId);
    const revoked = (await this.deps.shareLinks.revoke(linkId, this.deps.clock.now())) ?? link;
    return { link: revoked, status: linkStatus(revoked, this.deps.clock.now()) };
  }

  private async shareableTarget(p: Principal, input: CreateShareLinkInput): Promise<ShareTarget> {
    if (input.photoId !== undefined) {
      return { kind: "photo", photoId: (await this.shareablePhoto(p, input.photoId)).id };
    }
    const eventId = input.eventId!;
    const { attendance } = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canManageLinks(attendance.role))
      throw new ForbiddenError("Only the event's organizer or a co-host may share the event");
    return { kind: "event", eventId };
  }

  private async shareablePhoto(p: Principal, photoId: string): Promise<Photo> {
    const { photo, attendance } = await loadVisiblePhoto(this.deps, p, photoId);
    if (!maySharePhoto(photo, p.userId, attendance)) {
      throw new ForbiddenError("Only the photo's owner, the event's organizer or a co-host may share it");
    }
    if (photo.status !== "ready" || photo.variants === undefined) {
      throw new ConflictError(`Only a ready photo can be shared; this one is ${photo.status}`);
    }
    if (photo.review !== undefined) {
      throw new ConflictError("This photo waits for review; it can be shared once a host approves it");
    }
    return photo;
  }
}

/** The photo's owner, or whoever manages its event's links (organizer, co-hosts). */
function maySharePhoto(photo: Photo, userId: string, attendance: Attendance | undefined): boolean {
  return (
    photo.ownerId === userId ||
    (attendance !== undefined && canManageLinks(attendance.role) && attendance.eventId === photo.eventId)
  );
}
