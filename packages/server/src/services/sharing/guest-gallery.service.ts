import { reviewAllowsListing } from "../../domain/approval.js";
import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import { type GuestLink, guestOwnerId } from "../../domain/guest-link.js";
import { guestGalleryAccess } from "../../domain/guest-link-mode.js";
import { assertPageRequest, type PageRequest } from "../../domain/page.js";
import type { Photo } from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { LinkTokens } from "../../ports/link-tokens.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { findActiveGuestLink } from "./active-guest-link.js";
import type { LinkPasswordGate } from "./link-password-gate.js";
export interface GuestGalleryServiceDeps {
  guestLinks: GuestLinkRepository;
  photos: PhotoRepository;
  deliveryUrls: DeliveryUrls;
  tokens: LinkTokens;
  passwordGate: LinkPasswordGate;
  clock: Clock;
}

/** A photo as a guest sees it: the picture's stripped variants and size, never who uploaded it or where. */
export interface GuestPhoto {
  id: string;
  width?: number;
  height?: number;
  blurhash?: string;
  urls: { thumb: string; web: string };
}

export interface GuestPhotoPage {
  photos: GuestPhoto[];
  nextCursor?: string;
}

/** Most photo ids one "my uploads" request may name. */
export const GUEST_OWN_PHOTOS_MAX = 100;
const IMAGE_URL_TTL_SECONDS = 300;

/**
 * What a guest holding an upload link may see, by the link's mode (`guestGalleryAccess`): the event's
 * ready photos when the gallery is open to them, and always their own uploads — those whose ids their
 * browser kept (unguessable random ids, and only photos this link uploaded count). A password-protected
 * link asks for its password here too, through the same rate-limited gate as uploads.
 */
export class GuestGalleryService {
  constructor(private readonly deps: GuestGalleryServiceDeps) {}

  /**
   * A page of the event's ready photos, newest first. `ForbiddenError` while the link's mode keeps the
   * gallery closed (with when it opens, for `view_after_reveal`).
   */
  async listEventPhotos(
    token: string,
    page: PageRequest,
    access: { password?: string; clientAddress: string },
  ): Promise<GuestPhotoPage> {
    assertPageRequest(page);
    const link = await this.openLink(token, access);
    const gallery = guestGalleryAccess(link, this.deps.clock.now());
    if (!gallery.open) {
      throw new ForbiddenError(
        gallery.reason === "upload_only"
          ? "This link is for adding photos only: the gallery stays with the organizer"
          : `The gallery opens to guests at ${gallery.revealAt.toISOString()}`,
      );
    }
    const photos = await this.deps.photos.listByEvent(link.eventId, page, { status: "ready" });
    // A photo held for review is nobody's to see but its uploader's and the reviewers' (a guest's own
    // waiting uploads still show under "Your photos", through `listOwnUploads`). A page may come out short.
    const listed = photos.items.filter((photo) => reviewAllowsListing(photo.review, false));
    return {
      photos: await Promise.all(listed.map((photo) => this.guestPhoto(photo))),
      ...(photos.nextCursor === undefined ? {} : { nextCursor: photos.nextCursor }),
    };
  }

  /** Of `photoIds`, the ready photos this link uploaded, in the order asked; any other id is skipped. */
  async listOwnUploads(
    token: string,
    photoIds: string[],
    access: { password?: string; clientAddress: string },
  ): Promise<GuestPhoto[]> {
    if (photoIds.length > GUEST_OWN_PHOTOS_MAX) {
      throw new ValidationError(`At most ${GUEST_OWN_PHOTOS_MAX} photo ids at a time`);
    }
    const link = await this.openLink(token, access);
    const owner = guestOwnerId(link.id);
    const found = await Promise.all([...new Set(photoIds)].map((id) => this.deps.photos.get(id)));
    const own = found.filter(
      (photo): photo is Photo =>
        photo !== undefined &&
        photo.ownerId === owner &&
        photo.eventId === link.eventId &&
        photo.status === "ready",
    );
    return Promise.all(own.map((photo) => this.guestPhoto(photo)));
  }

  private async openLink(
    token: string,
    access: { password?: string; clientAddress: string },
  ): Promise<GuestLink> {
    const link = await findActiveGuestLink(this.deps, token);
    await this.deps.passwordGate.check(link, access.password, access.clientAddress);
    return link;
  }

  /** Built field by field, so nothing new on `Photo` (owner, GPS, guest name) reaches a guest by accident. */
  private async guestPhoto(photo: Photo): Promise<GuestPhoto> {
    const { thumb, web } = photo.variants!;
    const [thumbUrl, webUrl] = await Promise.all([
      this.deps.deliveryUrls.signedUrl(thumb.key, IMAGE_URL_TTL_SECONDS),
      this.deps.deliveryUrls.signedUrl(web.key, IMAGE_URL_TTL_SECONDS),
    ]);
    const shown: GuestPhoto = { id: photo.id, urls: { thumb: thumbUrl, web: webUrl } };
    if (photo.width !== undefined) shown.width = photo.width;
    if (photo.height !== undefined) shown.height = photo.height;
    if (photo.blurhash !== undefined) shown.blurhash = photo.blurhash;
    return shown;
  }
}
