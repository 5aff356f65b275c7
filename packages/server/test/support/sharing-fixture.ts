import { randomBytes } from "node:crypto";
import { cryptoLinkTokens } from "../../src/adapters/crypto/crypto-link-tokens.js";
import { HmacAccessGrants } from "../../src/adapters/crypto/hmac-access-grants.js";
import { scryptPasswordHasher } from "../../src/adapters/crypto/scrypt-password-hasher.js";
import { FixedWindowRateLimiter } from "../../src/adapters/in-process/fixed-window-rate-limiter.js";
import { GuestPhotoService } from "../../src/services/sharing/guest-photos.service.js";
import { GuestUploadService } from "../../src/services/sharing/guest-upload.service.js";
import { LinkPasswordGate } from "../../src/services/sharing/link-password-gate.js";
import { PublicShareService } from "../../src/services/sharing/public-share.service.js";
import { SharingService } from "../../src/services/sharing/sharing.service.js";
import { UploadService } from "../../src/services/uploads/upload.service.js";
import { InMemoryGuestLinkRepository } from "./fakes/in-memory-guest-link.repository.js";
import { InMemoryShareLinkRepository } from "./fakes/in-memory-share-link.repository.js";
import { RecordingDeliveryUrls } from "./fakes/recording-delivery-urls.js";
import { SequentialIds } from "./fakes/sequential-ids.js";
import { createGalleryFixture } from "./gallery-fixture.js";

/** Cheap scrypt for tests: the hashing is real, only the cost is lowered. */
export const testPasswords = scryptPasswordHasher({ N: 1024, r: 8, p: 1 });

/**
 * The gallery fixture (Alice organizes, Bob and Carol attend, Dave is an outsider) with the sharing
 * services over in-memory link repositories, real tokens, grants and scrypt, and a password limiter of
 * `passwordAttempts` per minute.
 */
export async function createSharingFixture(options: { passwordAttempts?: number } = {}) {
  const gallery = await createGalleryFixture();
  const { photos, events, clock, photoBucket } = gallery;
  const shareLinks = new InMemoryShareLinkRepository();
  const guestLinks = new InMemoryGuestLinkRepository();
  const deliveryUrls = new RecordingDeliveryUrls(clock);
  const ids = new SequentialIds("link");
  const limiter = new FixedWindowRateLimiter({
    limit: options.passwordAttempts ?? 5,
    windowSeconds: 60,
    clock,
  });
  const passwordGate = new LinkPasswordGate({ passwords: testPasswords, limiter });
  const grants = new HmacAccessGrants(randomBytes(32), clock);
  const uploads = new UploadService({
    photos,
    events,
    photoBucket,
    clock,
    ids: new SequentialIds("guestphoto"),
  });
  const sharing = new SharingService({
    photos,
    events,
    shareLinks,
    deliveryUrls,
    passwords: testPasswords,
    tokens: cryptoLinkTokens,
    ids,
    clock,
  });
  const publicShares = new PublicShareService({
    shareLinks,
    photos,
    events,
    deliveryUrls,
    tokens: cryptoLinkTokens,
    grants,
    passwordGate,
    clock,
  });
  const guestUploads = new GuestUploadService({
    guestLinks,
    events,
    uploads,
    passwords: testPasswords,
    passwordGate,
    tokens: cryptoLinkTokens,
    ids,
    clock,
  });
  const guestPhotos = new GuestPhotoService({
    guestLinks,
    photos,
    photoBucket,
    tokens: cryptoLinkTokens,
    clock,
  });
  return { ...gallery, shareLinks, guestLinks, sharing, publicShares, guestUploads, guestPhotos };
}
