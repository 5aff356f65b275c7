import type { Handler } from "hono";
import type { RateLimiter } from "../../ports/rate-limiter.js";
import { enforceRateLimit } from "../../services/enforce-rate-limit.js";

/**
 * The one way a route is rate limited: wraps the route's handler so that one attempt is counted under each
 * key of `keyOf(c)` (built by `rateLimitKeys`) before the handler runs; a refusal answers 429 with
 * `Retry-After` (`RateLimitedError`). A wrapper rather than a route middleware on purpose:
 * @hono/zod-openapi runs route middleware before its validators, and a limit counts only requests that
 * passed authentication and validation, and may key on the body (the email of a sign-in; Hono caches the
 * body its validator parsed, so `c.req.json()` here reads the validated body, not the stream again).
 * No limiter: no limit.
 *
 * @example
 * app.openapi(initiateLibraryUpload(auth), rateLimit(limits.tickets,
 *   (c) => rateLimitKeys.user(principalOf(c).userId),
 *   async (c) => c.json(await uploads.initiate(principalOf(c), c.req.valid("json")), 201)));
 */
// biome-ignore lint/suspicious/noExplicitAny: any route's handler; its own types flow through `H`.
type AnyHandler = Handler<any, any, any, any>;

export function rateLimit<H extends AnyHandler>(
  limiter: RateLimiter | undefined,
  keyOf: (c: Parameters<H>[0]) => readonly string[] | Promise<readonly string[]>,
  handler: H,
): H {
  if (limiter === undefined) return handler;
  const limited: AnyHandler = async (c, next) => {
    await enforceRateLimit(limiter, await keyOf(c));
    return handler(c, next);
  };
  return limited as H;
}
