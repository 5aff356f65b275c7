import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app-env.js";

export interface ApiCorsOptions {
  origins: readonly string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * CORS for the API: hono's `cors` answers preflights; on every other request the headers are prepared
 * before the route runs. Why not hono's `cors` throughout: it writes them on `c.res` before the route runs,
 * which materializes a placeholder response that hono must then merge into the route's own, building a
 * real `Response` (body stream and all) per request — about a tenth of an upload ticket's CPU.
 */
export function apiCors(options: ApiCorsOptions): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: [...options.origins],
    allowHeaders: options.allowHeaders,
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAgeSeconds,
  });
  const allowed = new Set(options.origins);
  const exposed = options.exposeHeaders.join(",");
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const origin = c.req.header("origin");
    const allowedOrigin = origin !== undefined && allowed.has(origin) ? origin : undefined;
    if (allowedOrigin) {
      c.header("Access-Control-Allow-Origin", allowedOrigin);
      c.header("Access-Control-Expose-Headers", exposed);
    }
    c.header("Vary", "Origin", { append: true });
    await next();
    // A route that returns a `Response` of its own bypasses the prepared headers.
    if (allowedOrigin && !c.res.headers.has("access-control-allow-origin")) {
      c.header("Access-Control-Allow-Origin", allowedOrigin);
      c.header("Access-Control-Expose-Headers", exposed);
    }
    if (!c.res.headers.has("vary")) c.header("Vary", "Origin");
  };
}
