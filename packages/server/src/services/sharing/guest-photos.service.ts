import { timingSafeEqual } from "node:crypto";
import { NotFoundError } from "../../domain/errors.js";
import { type GuestLink, guestAllowanceLeft, guestOwnerId } from "../../domain/guest-link.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import { objectKeysOf, type Photo } from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { LinkTokens } from "../../ports/link-tokens.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { waitWhilePending } from "../gallery/wait-while-pending.js";
import { findActiveGuestLink } from "./active-guest-link.js";

export interface GuestPhotoServiceDeps {
  guestLinks: GuestLinkRepository;
  photos: PhotoRepository;
  photoBucket: Pick<PhotoBucket, "delete">;
  tokens: LinkTokens;
  clock: Clock;
  /** Wakes long polls early when the pipeline runs in the same process (embedded host). */
  changes?: PhotoChangeNotifier;
}

/** A guest's own upload as the guest page follows it, with what the link allows now (after refunds). */
export interface GuestUploadStatus {
  photo: Photo;
  uploadsLeft?: number;
  bytesLeft?: number;
}

/**
 * What a guest may do with their own uploads, from the browser that made them: follow one until the
 * pipeline decides (so a duplicate can say "already in the event" and the count can show its refund), and
 * delete one. Each needs the link's token, still active, and the upload's delete key (`deleteKey` from
 * its ticket). Anything else — a wrong key, another guest's key or photo, an unknown id — is the same
 * `NotFoundError`; a revoked or expired link is `LinkGoneError`.
 */
export class GuestPhotoService {
  constructor(private readonly deps: GuestPhotoServiceDeps) {}

  /** The upload now; with `waitWhilePendingSeconds`, a long poll like `GalleryService.getPhoto`. */
  async status(
    token: string,
    photoId: string,
    deleteKey: string,
    options: { waitWhilePendingSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<GuestUploadStatus> {
    const read = () => this.guestPhoto(token, photoId, deleteKey);
    const { photo } = options.waitWhilePendingSeconds
      ? await waitWhilePending(read, (found) => found.photo.status === "pending", {
          photoId,
          seconds: options.waitWhilePendingSeconds,
          ...(this.deps.changes === undefined ? {} : { notifier: this.deps.changes }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        })
      : await read();
    // Read after the wait: a duplicate's refund lands right after its status changes.
    const link = await this.activeLink(token);
    const left = guestAllowanceLeft(link);
    return {
      photo,
      ...(left.uploads === undefined ? {} : { uploadsLeft: left.uploads }),
      ...(left.bytes === undefined ? {} : { bytesLeft: left.bytes }),
    };
  }

  /** Deletes the upload's objects (original and variants), then its record, as an owner's delete does. */
  async delete(token: string, photoId: string, deleteKey: string): Promise<void> {
    const { photo } = await this.guestPhoto(token, photoId, deleteKey);
    for (const key of objectKeysOf(photo)) await this.deps.photoBucket.delete(key);
    await this.deps.photos.delete(photo.id);
  }

  private async guestPhoto(
    token: string,
    photoId: string,
    deleteKey: string,
  ): Promise<{ link: GuestLink; photo: Photo }> {
    const link = await this.activeLink(token);
    assertKnownIdShape("Photo", photoId);
    const photo = await this.deps.photos.get(photoId);
    if (
      photo === undefined ||
      photo.ownerId !== guestOwnerId(link.id) ||
      photo.guestKeyHash === undefined ||
      !sameHash(photo.guestKeyHash, this.deps.tokens.hashOf(deleteKey))
    ) {
      throw new NotFoundError("Photo", photoId);
    }
    return { link, photo };
  }

  private activeLink(token: string): Promise<GuestLink> {
    return findActiveGuestLink(this.deps, token);
  }
}

function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
