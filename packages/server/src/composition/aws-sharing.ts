import { HmacAccessGrants } from "../adapters/crypto/hmac-access-grants.js";
import { DynamoGuestLinkRepository } from "../adapters/dynamodb/dynamo-guest-link.repository.js";
import { DynamoRateLimiter } from "../adapters/dynamodb/dynamo-rate-limiter.js";
import { DynamoShareLinkRepository } from "../adapters/dynamodb/dynamo-share-link.repository.js";
import { cachedSecureParameter } from "../adapters/ssm/secure-parameter.js";
import type { AppDeps } from "../http/app-env.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import type { UploadService } from "../services/uploads/upload.service.js";
import type { AwsFoundation } from "./aws-foundation.js";
import { createSharingServices } from "./sharing-services.js";

export interface AwsSharing {
  /** Absent without `SHOEBOX_SHARE_GRANT_SECRET_PARAMETER`: the API then mounts no sharing routes. */
  sharing?: NonNullable<AppDeps["sharing"]>;
  rateLimits: RateLimits;
}

/** Grant secrets shorter than this are refused (HMAC-SHA256 wants a key as long as its output). */
const MIN_GRANT_SECRET_BYTES = 32;

/**
 * Sharing on the AWS host: the same services as the embedded host over DynamoDB link repositories, with
 * limits counted in the table (many Lambda instances share a limit only through it) and access grants
 * signed with a secret every instance reads from SSM once per cold start. Sign-in and sign-up limits are
 * Cognito's; tickets and link passwords are limited here.
 */
export async function createAwsSharing(
  foundation: AwsFoundation,
  deps: { uploads: UploadService; deliveryUrls: DeliveryUrls },
): Promise<AwsSharing> {
  const { config, aws, table, clock, clients } = foundation;
  const perMinute = (scope: string, limit: number) =>
    new DynamoRateLimiter({ ...table, scope, limit, windowSeconds: 60, clock });
  const rateLimits: RateLimits = {
    tickets: perMinute("tickets", config.rateLimits.ticketsPerMinute),
    linkPasswords: perMinute("link-passwords", config.rateLimits.linkPasswordPerMinute),
  };
  if (aws.shareGrantSecretParameter === undefined) return { rateLimits };

  const parameter = aws.shareGrantSecretParameter;
  const secret = grantSecretBytes(await cachedSecureParameter(clients.ssm, parameter)(), parameter);
  return {
    rateLimits,
    sharing: createSharingServices({
      config,
      clock,
      photos: foundation.photos,
      events: foundation.events,
      uploads: deps.uploads,
      deliveryUrls: deps.deliveryUrls,
      shareLinks: DynamoShareLinkRepository.create(table),
      guestLinks: DynamoGuestLinkRepository.create(table),
      grants: new HmacAccessGrants(secret, clock),
      linkPasswordLimiter: rateLimits.linkPasswords,
    }),
  };
}

/** The parameter's value as key bytes (its UTF-8, e.g. of `openssl rand -base64 48`); never logged. */
function grantSecretBytes(value: string, parameter: string): Buffer {
  const secret = Buffer.from(value, "utf8");
  if (secret.length < MIN_GRANT_SECRET_BYTES) {
    throw new Error(`SSM parameter ${parameter} must hold at least ${MIN_GRANT_SECRET_BYTES} bytes`);
  }
  return secret;
}
