import { LinkGoneError, NotFoundError, PasswordRequiredError } from "../../domain/errors.js";
import { linkStatus } from "../../domain/link-rules.js";
import type { PageRequest } from "../../domain/page.js";
import { isListedInGallery, type Photo } from "../../domain/photo.js";
import type { ShareLink } from "../../domain/share-link.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { AccessGrants, LinkTokens } from "../../ports/link-tokens.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";
import type { LinkPasswordGate } from "./link-password-gate.js";

export interface PublicShareServiceDeps {
  shareLinks: ShareLinkRepository;
  photos: PhotoRepository;
  events: EventRepository;
  deliveryUrls: DeliveryUrls;
  tokens: LinkTokens;
  grants: AccessGrants;
  passwordGate: LinkPasswordGate;
  clock: Clock;
}

export interface PublicShareOptions {
  /** Lifetime of the image URLs a share page hands out: short, so revoking takes effect within it. Default 300 s. */
  imageUrlTtlSeconds: number;
  /** How long an unlocked password-protected link stays unlocked for that visitor. Default 1 h. */
  grantTtlSeconds: number;
  /** Photos per page of an event share. Default 30. */
  pageSize: number;
}

/**
 * A photo as anyone holding a share link sees it: what is in the picture, never who uploaded it or where.
 * Built field by field (no spreading of the record), so nothing new on `Photo` leaks here by accident.
 */
export interface PublicPhoto {
  id: string;
  title?: string;
  description?: string;
  width?: number;
  height?: number;
  takenAt?: Date;
  blurhash?: string;
  urls: { thumb: string; web: string; download?: string };
}

export interface PublicShare {
  kind: "photo" | "event";
  /** The event's name (event links), or the photo's title. */
  title?: string;
  description?: string;
  expiresAt: Date;
  allowDownload: boolean;
  photos: PublicPhoto[];
  nextCursor?: string;
  /** When the image URLs in this answer stop working; fetch the share again for fresh ones. */
  urlsExpireAt: Date;
}

const DEFAULTS: PublicShareOptions = { imageUrlTtlSeconds: 300, grantTtlSeconds: 3600, pageSize: 30 };

/**
 * What the public `/s/{token}` page and `GET /api/public/shares/{token}` show: no account, only the token.
 * Unknown tokens: `NotFoundError`; revoked or expired links: `LinkGoneError`; a password-protected link
 * without a valid grant: `PasswordRequiredError`. Only ready photos appear, through short-lived CDN URLs of
 * their stripped variants.
 */
export class PublicShareService {
  private readonly options: PublicShareOptions;

  constructor(
    private readonly deps: PublicShareServiceDeps,
    options: Partial<PublicShareOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The shared photo, or a page of the shared event's ready photos (newest first). */
  async open(token: string, options: { grant?: string; cursor?: string } = {}): Promise<PublicShare> {
    const link = await this.activeLink(token);
    if (
      link.passwordHash !== undefined &&
      !(options.grant && this.deps.grants.verify(options.grant, link.id))
    ) {
      throw new PasswordRequiredError();
    }
    const base = {
      expiresAt: link.expiresAt,
      allowDownload: link.allowDownload,
      urlsExpireAt: new Date(this.deps.clock.now().getTime() + this.options.imageUrlTtlSeconds * 1000),
    };
    if (link.target.kind === "photo") {
      const photo = await this.deps.photos.get(link.target.photoId);
      if (photo === undefined || !isPubliclyListed(photo))
        throw new NotFoundError("Photo", link.target.photoId);
      return {
        kind: "photo",
        ...(photo.title === undefined ? {} : { title: photo.title }),
        ...base,
        photos: [await this.publicPhoto(photo, link)],
      };
    }
    const event = await this.deps.events.get(link.target.eventId);
    if (event === undefined) throw new NotFoundError("Event", link.target.eventId);
    const page: PageRequest = {
      limit: this.options.pageSize,
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
    };
    const photos = await this.deps.photos.listByEvent(event.id, page, { status: "ready" });
    return {
      kind: "event",
      title: event.name,
      ...(event.description === undefined ? {} : { description: event.description }),
      ...base,
      // Photos held for review are ready too; the public page never shows them (a page may come out short).
      photos: await Promise.all(
        photos.items.filter(isPubliclyListed).map((photo) => this.publicPhoto(photo, link)),
      ),
      ...(photos.nextCursor === undefined ? {} : { nextCursor: photos.nextCursor }),
    };
  }

  /**
   * Checks the password of a protected link (rate-limited per link and per client address) and returns a
   * grant scoped to that link. A link without a password needs no grant; one is returned anyway.
   */
  async unlock(
    token: string,
    password: string,
    clientAddress: string,
  ): Promise<{ grant: string; expiresAt: Date }> {
    const link = await this.activeLink(token);
    await this.deps.passwordGate.check(link, password, clientAddress);
    return this.deps.grants.issue(link.id, this.options.grantTtlSeconds);
  }

  private async activeLink(token: string): Promise<ShareLink> {
    const link = await this.deps.shareLinks.findByTokenHash(this.deps.tokens.hashOf(token));
    if (link === undefined) throw new NotFoundError("Share link", "(token)");
    const status = linkStatus(link, this.deps.clock.now());
    if (status !== "active") throw new LinkGoneError(status);
    return link;
  }

  private async publicPhoto(photo: Photo, link: ShareLink): Promise<PublicPhoto> {
    const { thumb, web } = photo.variants!;
    const ttl = this.options.imageUrlTtlSeconds;
    const [thumbUrl, webUrl, download] = await Promise.all([
      this.deps.deliveryUrls.signedUrl(thumb.key, ttl),
      this.deps.deliveryUrls.signedUrl(web.key, ttl),
      link.allowDownload ? this.deps.deliveryUrls.signedUrl(web.key, ttl, { download: true }) : undefined,
    ]);
    const shown: PublicPhoto = { id: photo.id, urls: { thumb: thumbUrl, web: webUrl } };
    if (download !== undefined) shown.urls.download = download;
    if (photo.title !== undefined) shown.title = photo.title;
    if (photo.description !== undefined) shown.description = photo.description;
    if (photo.width !== undefined) shown.width = photo.width;
    if (photo.height !== undefined) shown.height = photo.height;
    if (photo.takenAt !== undefined) shown.takenAt = photo.takenAt;
    if (photo.blurhash !== undefined) shown.blurhash = photo.blurhash;
    return shown;
  }
}

/** What a share page may show: a ready photo that nobody holds for review (`isListedInGallery`). */
function isPubliclyListed(photo: Photo): boolean {
  return isListedInGallery(photo.status, "ready", { review: photo.review, viewerIsOwner: false });
}
