import { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { Context } from "hono";

/**
 * The Node request behind a Hono context when `@hono/node-server` serves it (the embedded host), else
 * undefined (Lambda, `app.request()` in tests). Reading a large body from it directly spares turning every
 * chunk into a web stream chunk; the body must then not also be read through `c.req`.
 */
export function nodeRequestBody(c: Context): Readable | undefined {
  const incoming: unknown = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

/** Bodies up to this size are read to their end after an early answer, so keep-alive clients go on. */
const MAX_DRAIN_BYTES = 1024 * 1024;

/**
 * After refusing a body part-way (a broken limit), decides what happens to the rest: a small body is
 * drained (the host reads and drops it, as `@hono/node-server` does), a large or undeclared one gets
 * `Connection: close` on the answer, so a hostile sender cannot make the host read 10 MiB per refusal.
 */
export function closeAfterAnswerIfLargeUnread(c: Context, body: Readable | undefined): void {
  if (!body || body.readableEnded) return;
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  if (!(declared <= MAX_DRAIN_BYTES)) c.header("Connection", "close");
}
