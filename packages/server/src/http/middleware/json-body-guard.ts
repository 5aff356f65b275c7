import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env.js";
import { HttpError } from "../http-error.js";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Caps JSON bodies (checked while reading, before parsing) and answers unparseable JSON with 400
 * `INVALID_JSON` before any route sees it. Other media types pass untouched: direct photo uploads apply
 * their own, larger limit.
 */
export function jsonBodyGuard(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(413, "PAYLOAD_TOO_LARGE", `JSON bodies are limited to ${maxBytes} bytes`);
    },
  });
  return async (c, next) => {
    if (!JSON_MEDIA_TYPE.test(c.req.header("content-type") ?? "")) return next();
    return limit(c, async () => {
      // Parsed once here; hono caches the text, so the route's validator does not read the body again.
      const text = await c.req.text();
      if (text.trim() !== "") {
        try {
          JSON.parse(text);
        } catch {
          throw new HttpError(400, "INVALID_JSON", "The request body is not valid JSON");
        }
      }
      await next();
    });
  };
}
