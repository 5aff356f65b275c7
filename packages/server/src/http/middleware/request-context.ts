import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../ports/logger.js";
import type { AppEnv } from "../app-env.js";

/** Ids a client or proxy may set; anything else (too long, odd characters) could forge log lines. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when sensible, else a new UUID), echoes it in the
 * response, binds it to the request's logger, and writes one structured line per request when it ends.
 * The logged path never includes the query string, where presigned secrets and cursors live.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.set("logger", logger.child({ requestId }));
    // Set before the route runs, the header is built into its response; set afterwards, hono would have to
    // copy the finished response (a real Response object, its body stream included) to add it.
    c.header("x-request-id", requestId);
    try {
      await next();
    } finally {
      // Routes that return a `Response` of their own bypass the prepared headers.
      if (!c.res.headers.has("x-request-id")) c.header("x-request-id", requestId);
      const status = c.res.status;
      const principal = c.get("principal");
      const line = {
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(principal ? { userId: principal.userId } : {}),
      };
      c.get("logger")[status >= 500 ? "error" : "info"]("request", line);
    }
  };
}
