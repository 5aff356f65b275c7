import { join } from "node:path";
import { HmacAccessGrants } from "../adapters/crypto/hmac-access-grants.js";
import { loadOrCreateSecret } from "../adapters/files/secret-file.js";
import { FixedWindowRateLimiter } from "../adapters/in-process/fixed-window-rate-limiter.js";
import type { Database } from "../adapters/sqlite/database.js";
import { SqliteGuestLinkRepository } from "../adapters/sqlite/sqlite-guest-link.repository.js";
import { SqliteShareLinkRepository } from "../adapters/sqlite/sqlite-share-link.repository.js";
import type { Config } from "../config/load-config.js";
import type { AppDeps } from "../http/app-env.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { EventRepository } from "../ports/event-repository.js";
import type { PhotoRepository } from "../ports/photo-repository.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import type { UploadService } from "../services/uploads/upload.service.js";
import { createSharingServices } from "./sharing-services.js";

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
  const { db, config, clock } = deps;
  const rateLimits = embeddedRateLimits(config, clock);
  const grants = new HmacAccessGrants(
    await loadOrCreateSecret(join(deps.dataDir, "sharing", "grant-secret")),
    clock,
  );
  return {
    rateLimits,
    sharing: createSharingServices({
      ...deps,
      shareLinks: SqliteShareLinkRepository.open(db),
      guestLinks: SqliteGuestLinkRepository.open(db),
      grants,
      linkPasswordLimiter: rateLimits.linkPasswords,
    }),
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
