import { join } from "node:path";
import { HmacAccessGrants } from "../adapters/crypto/hmac-access-grants.js";
import { loadOrCreateSecret } from "../adapters/files/secret-file.js";
import { FixedWindowRateLimiter } from "../adapters/in-process/fixed-window-rate-limiter.js";
import type { Database } from "../adapters/sqlite/database.js";
import { SqliteGuestLinkRepository } from "../adapters/sqlite/sqlite-guest-link.repository.js";
import { SqliteShareLinkRepository } from "../adapters/sqlite/sqlite-share-link.repository.js";
import type { Config } from "../config/load-config.js";
import type { Clock } from "../ports/clock.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import type { SharingPorts } from "./create-core.js";
import { createRateLimits } from "./rate-limits.js";

/**
 * Sharing's ports on the embedded host: share and guest links in SQLite, access grants signed with a
 * secret kept in `<dataDir>/sharing/`.
 */
export async function embeddedSharingPorts(deps: {
  db: Database;
  dataDir: string;
  clock: Clock;
}): Promise<SharingPorts> {
  const secret = await loadOrCreateSecret(join(deps.dataDir, "sharing", "grant-secret"));
  return {
    shareLinks: SqliteShareLinkRepository.open(deps.db),
    guestLinks: SqliteGuestLinkRepository.open(deps.db),
    grants: new HmacAccessGrants(secret, deps.clock),
  };
}

/** Every limit counted in memory: one process serves all requests. */
export function embeddedRateLimits(config: Config, clock: Clock): RateLimits {
  const perMinute = (_scope: string, limit: number) =>
    new FixedWindowRateLimiter({ limit, windowSeconds: 60, clock });
  return createRateLimits(config.rateLimits, perMinute, { accounts: true });
}
