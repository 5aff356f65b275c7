import { RateLimitedError } from "../domain/errors.js";
import type { RateLimiter } from "../ports/rate-limiter.js";

/**
 * Counts one attempt under each key and throws `RateLimitedError` (429 with `Retry-After`: the longest
 * wait) if any limit is exceeded. Every key is counted, so a refusal on one does not spare the others.
 * No limiter: no limit.
 */
export async function enforceRateLimit(
  limiter: RateLimiter | undefined,
  keys: readonly string[],
): Promise<void> {
  if (limiter === undefined) return;
  const decisions = await Promise.all(keys.map((key) => limiter.hit(key)));
  const waits = decisions
    .filter((decision) => !decision.allowed)
    .map((decision) => decision.retryAfterSeconds);
  if (waits.length > 0) throw new RateLimitedError(Math.max(...waits));
}
