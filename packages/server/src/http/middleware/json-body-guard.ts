import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env.js";
import { HttpError } from "../http-error.js";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Caps JSON bodies (checked before reading when the length is declared, while reading otherwise) and
 * answers unparseable JSON with 400 `INVALID_JSON` before any route sees it. Other media types pass
 * untouched: direct photo uploads apply their own, larger limit.
 */
export function jsonBodyGuard(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new HttpError(413, "PAYLOAD_TOO_LARGE", `JSON bodies are limited to ${maxBytes} bytes`);
  };
  // For bodies of undeclared length (chunked): counts while reading.
  const limitWhileReading = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  const parse = async (c: Context<AppEnv>, next: Next) => {
    // Parsed once here; hono caches the text, so the route's validator does not read the body again.
    const text = await c.req.text();
    // Hosts that hand over a whole body (Lambda) are not bound by a declared length: count it too.
    if (Buffer.byteLength(text) > maxBytes) tooLarge();
    if (text.trim() !== "") {
      try {
        JSON.parse(text);
      } catch {
        throw new HttpError(400, "INVALID_JSON", "The request body is not valid JSON");
      }
    }
    await next();
  };
  return async (c, next) => {
    if (!JSON_MEDIA_TYPE.test(c.req.header("content-type") ?? "")) return next();
    const declaredLength = c.req.header("content-length");
    if (declaredLength === undefined || c.req.header("transfer-encoding") !== undefined)
      return limitWhileReading(c, () => parse(c, next));
    // The HTTP layer delivers exactly the declared number of bytes, so the check before reading is the
    // whole check. Why not always `bodyLimit`: it opens the body as a web stream, which on Node turns the
    // request into a full `Request` object — a fifth of a small JSON call's CPU — where reading the text
    // directly does not.
    if (!/^\d+$/.test(declaredLength) || Number(declaredLength) > maxBytes) tooLarge();
    return parse(c, next);
  };
}
