import { HmacAccessGrants } from "../adapters/crypto/hmac-access-grants.js";
import { DynamoGuestLinkRepository } from "../adapters/dynamodb/dynamo-guest-link.repository.js";
import { DynamoShareLinkRepository } from "../adapters/dynamodb/dynamo-share-link.repository.js";
import { cachedSecureParameter } from "../adapters/ssm/secure-parameter.js";
import type { AwsFoundation } from "./aws-foundation.js";
import type { SharingPorts } from "./create-core.js";

/** Grant secrets shorter than this are refused (HMAC-SHA256 wants a key as long as its output). */
const MIN_GRANT_SECRET_BYTES = 32;

/**
 * Sharing's ports on the AWS host: DynamoDB link repositories, and access grants signed with a secret every
 * instance reads from SSM once per cold start. Absent without `SHOEBOX_SHARE_GRANT_SECRET_PARAMETER`: the
 * API then mounts no sharing routes.
 */
export async function awsSharingPorts(foundation: AwsFoundation): Promise<SharingPorts | undefined> {
  const { aws, table, clock, clients } = foundation;
  if (aws.shareGrantSecretParameter === undefined) return undefined;
  const parameter = aws.shareGrantSecretParameter;
  const secret = grantSecretBytes(await cachedSecureParameter(clients.ssm, parameter)(), parameter);
  return {
    shareLinks: DynamoShareLinkRepository.create(table),
    guestLinks: DynamoGuestLinkRepository.create(table),
    grants: new HmacAccessGrants(secret, clock),
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
