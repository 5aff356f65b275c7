import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** Finds the address a request came from, for per-client rate limits. */
export type ClientAddressOf = (c: Context) => string;

/**
 * The client address on the node server: the socket's peer address. `X-Forwarded-For` is trusted only
 * when the host is configured to sit behind a proxy, and then only its last entry — the one the proxy
 * itself appended; entries before it are whatever the client sent.
 */
export function nodeClientAddress(options: { trustProxy: boolean }): ClientAddressOf {
  return (c) => {
    if (options.trustProxy) {
      const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // Not served by @hono/node-server (tests through app.request): one shared bucket.
      return "unknown";
    }
  };
}
