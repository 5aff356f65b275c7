import { cryptoIds } from "../adapters/crypto/crypto-ids.js";
import { cryptoLinkTokens } from "../adapters/crypto/crypto-link-tokens.js";
import { scryptPasswordHasher } from "../adapters/crypto/scrypt-password-hasher.js";
import type { Config } from "../config/load-config.js";
import type { AppDeps } from "../http/app-env.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { EventRepository } from "../ports/event-repository.js";
import type { GuestLinkRepository } from "../ports/guest-link-repository.js";
import type { AccessGrants } from "../ports/link-tokens.js";
import type { PhotoRepository } from "../ports/photo-repository.js";
import type { RateLimiter } from "../ports/rate-limiter.js";
import type { ShareLinkRepository } from "../ports/share-link-repository.js";
import { GuestUploadService } from "../services/sharing/guest-upload.service.js";
import { LinkPasswordGate } from "../services/sharing/link-password-gate.js";
import { PublicShareService } from "../services/sharing/public-share.service.js";
import { SharingService } from "../services/sharing/sharing.service.js";
import type { UploadService } from "../services/uploads/upload.service.js";

/** What sharing is built from; each host brings its own repositories, grant secret and limiter. */
export interface SharingServicesDeps {
  config: Config;
  clock: Clock;
  photos: PhotoRepository;
  events: EventRepository;
  uploads: UploadService;
  deliveryUrls: DeliveryUrls;
  shareLinks: ShareLinkRepository;
  guestLinks: GuestLinkRepository;
  grants: AccessGrants;
  /** Limits link password attempts; absent, attempts are unlimited. */
  linkPasswordLimiter?: RateLimiter | undefined;
}

/**
 * The sharing services both hosts run, over whichever adapters the host chose: link tokens from the
 * CSPRNG, link passwords hashed with scrypt behind a rate-limited gate.
 */
export function createSharingServices(deps: SharingServicesDeps): NonNullable<AppDeps["sharing"]> {
  const { config, clock, photos, events, uploads, deliveryUrls, shareLinks, guestLinks, grants } = deps;
  const passwords = scryptPasswordHasher();
  const passwordGate = new LinkPasswordGate({
    passwords,
    ...(deps.linkPasswordLimiter === undefined ? {} : { limiter: deps.linkPasswordLimiter }),
  });
  const common = { events, passwords, tokens: cryptoLinkTokens, ids: cryptoIds, clock };
  return {
    sharing: new SharingService({ ...common, photos, shareLinks, deliveryUrls }),
    publicShares: new PublicShareService(
      { shareLinks, photos, events, deliveryUrls, tokens: cryptoLinkTokens, grants, passwordGate, clock },
      { imageUrlTtlSeconds: config.sharing.imageUrlTtlSeconds },
    ),
    guestUploads: new GuestUploadService({ ...common, guestLinks, uploads, passwordGate }),
  };
}
