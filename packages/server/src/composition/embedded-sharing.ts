import { join } from "node:path";
import { cryptoIds } from "../adapters/crypto-ids.js";
import { FixedWindowRateLimiter } from "../adapters/embedded/rate-limit/fixed-window-rate-limiter.js";
import { loadOrCreateSecret } from "../adapters/embedded/secret-file.js";
import type { Database } from "../adapters/embedded/sqlite/database.js";
import { SqliteGuestLinkRepository } from "../adapters/embedded/sqlite/sqlite-guest-link.repository.js";
import { SqliteShareLinkRepository } from "../adapters/embedded/sqlite/sqlite-share-link.repository.js";
import { cryptoLinkTokens } from "../adapters/sharing/crypto-link-tokens.js";
import { HmacAccessGrants } from "../adapters/sharing/hmac-access-grants.js";
import { scryptPasswordHasher } from "../adapters/sharing/scrypt-password-hasher.js";
import type { Config } from "../config/load-config.js";
import type { AppDeps } from "../http/app-env.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { EventRepository } from "../ports/event-repository.js";
import type { PhotoRepository } from "../ports/photo-repository.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import { GuestUploadService } from "../services/sharing/guest-upload.service.js";
import { LinkPasswordGate } from "../services/sharing/link-password-gate.js";
import { PublicShareService } from "../services/sharing/public-share.service.js";
import { SharingService } from "../services/sharing/sharing.service.js";
import type { UploadService } from "../services/uploads/upload.service.js";

/**
 * Sharing for the embedded host: share and guest links in SQLite, link passwords hashed with scrypt and
 * limited in memory, access grants signed with a secret kept in `<dataDir>/sharing/`.
 */
export async function createEmbeddedSharing(deps: {
  db: Database;
  dataDir: string;
  config: Config;
  clock: Clock;
  photos: PhotoRepository;
  events: EventRepository;
  uploads: UploadService;
  deliveryUrls: DeliveryUrls;
}): Promise<{ sharing: NonNullable<AppDeps["sharing"]>; rateLimits: RateLimits }> {
  const { db, config, clock, photos, events, uploads, deliveryUrls } = deps;
  const rateLimits = embeddedRateLimits(config, clock);
  const shareLinks = SqliteShareLinkRepository.open(db);
  const guestLinks = SqliteGuestLinkRepository.open(db);
  const passwords = scryptPasswordHasher();
  const passwordGate = new LinkPasswordGate({
    passwords,
    ...(rateLimits.linkPasswords === undefined ? {} : { limiter: rateLimits.linkPasswords }),
  });
  const grants = new HmacAccessGrants(
    await loadOrCreateSecret(join(deps.dataDir, "sharing", "grant-secret")),
    clock,
  );
  const common = { events, passwords, tokens: cryptoLinkTokens, ids: cryptoIds, clock };
  return {
    rateLimits,
    sharing: {
      sharing: new SharingService({ ...common, photos, shareLinks, deliveryUrls }),
      publicShares: new PublicShareService(
        { shareLinks, photos, events, deliveryUrls, tokens: cryptoLinkTokens, grants, passwordGate, clock },
        { imageUrlTtlSeconds: config.sharing.imageUrlTtlSeconds },
      ),
      guestUploads: new GuestUploadService({ ...common, guestLinks, uploads, passwordGate }),
    },
  };
}

function embeddedRateLimits(config: Config, clock: Clock): RateLimits {
  const perMinute = (limit: number) => new FixedWindowRateLimiter({ limit, windowSeconds: 60, clock });
  const limits = config.rateLimits;
  return {
    signIn: perMinute(limits.signInPerMinute),
    signUp: perMinute(limits.signUpPerMinute),
    tickets: perMinute(limits.ticketsPerMinute),
    linkPasswords: perMinute(limits.linkPasswordPerMinute),
  };
}
