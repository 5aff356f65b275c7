import { createHash } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { RateLimitDecision, RateLimiter } from "../../ports/rate-limiter.js";
import { rateCounterKey } from "./keys.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";
import { TIME_TO_LIVE_ATTRIBUTE } from "./table-definition.js";

export interface DynamoRateLimiterOptions extends DynamoRepositoryOptions {
  /** Keeps this limiter's counters apart from other limiters' in the same table, e.g. "link-passwords". */
  scope: string;
  /** Attempts allowed per key and window. */
  limit: number;
  windowSeconds: number;
  clock: Clock;
}

/** Keys longer than this are counted under their SHA-256 (a partition key holds at most 2048 bytes). */
const MAX_PLAIN_KEY_LENGTH = 512;

/**
 * `RateLimiter` in the single DynamoDB table, so that every Lambda instance counts against the same limit:
 * at most `limit` attempts per key in each fixed window of `windowSeconds`. One `UpdateItem` per attempt
 * (`ADD` on the window's counter item, which DynamoDB applies atomically and creates on first use); TTL
 * deletes a window's item after it ends.
 *
 * Windows are aligned to the epoch (every minute on the minute for 60 s), where the in-memory limiter
 * starts a key's window at its first attempt: across instances, only an aligned window is the same window
 * for everyone. Either allows a burst of up to twice the limit across a window boundary.
 */
export class DynamoRateLimiter implements RateLimiter {
  private readonly windowMs: number;

  constructor(private readonly options: DynamoRateLimiterOptions) {
    if (!(Number.isInteger(options.limit) && options.limit > 0)) {
      throw new RangeError("limit must be a positive integer");
    }
    if (!(Number.isInteger(options.windowSeconds) && options.windowSeconds > 0)) {
      throw new RangeError("windowSeconds must be a positive integer");
    }
    if (options.scope.length === 0 || options.scope.includes("#")) {
      throw new RangeError("scope must be a non-empty name without #");
    }
    this.windowMs = options.windowSeconds * 1000;
  }

  async hit(key: string): Promise<RateLimitDecision> {
    const now = this.options.clock.now().getTime();
    const windowStart = now - (now % this.windowMs);
    const windowEnd = windowStart + this.windowMs;
    const out = await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: rateCounterKey(this.options.scope, counterKey(key), windowStart),
        UpdateExpression: "ADD #count :one SET #entity = :entity, #ttl = :ttl",
        ExpressionAttributeNames: { "#count": "count", "#entity": "entity", "#ttl": TIME_TO_LIVE_ATTRIBUTE },
        ExpressionAttributeValues: {
          ":one": 1,
          ":entity": "rateCounter",
          ":ttl": Math.ceil(windowEnd / 1000),
        },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    const count = out.Attributes?.count as number;
    if (count <= this.options.limit) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }
}

/** The key as counted: itself, or the hash of an oversized one (keys are addresses, ids, emails). */
function counterKey(key: string): string {
  return key.length <= MAX_PLAIN_KEY_LENGTH
    ? key
    : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}
