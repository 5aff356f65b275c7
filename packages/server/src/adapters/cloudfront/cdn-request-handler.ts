import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { OpenedObject } from "@shoebox/object-store";
import type { Clock } from "../../ports/clock.js";
import { etagMatches, parseByteRange } from "./byte-range.js";
import type { SignatureRefusal, SignedUrlVerifier } from "./signed-url-verifier.js";

/** Where the route is mounted; signed URLs are `{publicUrl}/cdn/{key}?…`. */
export const CDN_PATH_PREFIX = "/cdn/";

/** Reads objects in-process (the embedded store's `openObject`), after the signature was verified. */
export type CdnObjectSource = (
  key: string,
  range?: { start: number; end: number },
) => OpenedObject | undefined;

export interface CdnRequestHandlerOptions {
  verifier: SignedUrlVerifier;
  objects: CdnObjectSource;
  clock: Clock;
}

/** Only variants (stripped of metadata) are ever served here; originals never go through the CDN. */
const SERVABLE_KEY = /^variants\/[A-Za-z0-9_-]{1,128}\/[A-Za-z0-9_-]{1,64}\.[a-z0-9]{1,8}$/;

const REFUSAL_MESSAGES: Readonly<Record<SignatureRefusal, string>> = {
  "missing-parameters": "Missing Key-Pair-Id, Signature, or Expires/Policy query parameters",
  "unknown-key": "Unknown Key-Pair-Id",
  "malformed-policy": "Malformed policy",
  "bad-signature": "Invalid signature",
  expired: "Request has expired",
  "not-yet-valid": "Request is not yet valid",
  "wrong-resource": "The signed resource does not match the request",
  "address-not-allowed": "Access denied from this address",
};

/**
 * The embedded host's stand-in for CloudFront: a plain node `(req, res)` handler for `GET|HEAD /cdn/{key}`.
 * It sits in front of the API app rather than in it — like a CDN, it has no sessions, and skipping the
 * app's middleware keeps it close to a static file server's speed. Answers as CloudFront does:
 *
 * - a missing, malformed, expired, tampered or foreign-key signature → 403 `AccessDenied` (XML);
 * - a verified URL for a key outside `variants/` or a missing object → 404 `NoSuchKey` (XML);
 * - otherwise the bytes with `Content-Type`, `ETag`, `Last-Modified`, `Accept-Ranges`, and
 *   `Cache-Control: private, max-age=<seconds the signature has left>`; `If-None-Match` → 304; one
 *   `Range` → 206 (416 past the end); `download=1` in the signed URL → `Content-Disposition: attachment`.
 */
export function createCdnRequestHandler(options: CdnRequestHandlerOptions) {
  const { verifier, objects, clock } = options;
  return async function handleCdnRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const path = (queryAt === -1 ? target : target.slice(0, queryAt)).slice(CDN_PATH_PREFIX.length);
    const rawQuery = queryAt === -1 ? "" : target.slice(queryAt + 1);
    const check = verifier.verify(path, rawQuery, req.socket.remoteAddress);
    if (!check.ok) return sendError(res, 403, "AccessDenied", REFUSAL_MESSAGES[check.refusal]);

    const key = safeDecode(path);
    const object = key !== undefined && SERVABLE_KEY.test(key) ? objects(key) : undefined;
    if (key === undefined || object === undefined) {
      return sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
    }
    const secondsLeft = Math.max(0, Math.floor((check.expiresAt.getTime() - clock.now().getTime()) / 1000));
    const headers: Record<string, string | number> = {
      ETag: object.etag,
      "Last-Modified": object.lastModified.toUTCString(),
      "Cache-Control": `private, max-age=${secondsLeft}`,
      "Accept-Ranges": "bytes",
      "X-Content-Type-Options": "nosniff",
      "Content-Type": object.contentType ?? "application/octet-stream",
    };
    if (new URLSearchParams(rawQuery).get("download") === "1") {
      headers["Content-Disposition"] = `attachment; filename="${downloadName(key)}"`;
    }
    if (etagMatches(req.headers["if-none-match"], object.etag)) {
      release(object);
      res.writeHead(304, headers).end();
      return;
    }
    const ifRange = req.headers["if-range"];
    const range =
      ifRange === undefined || ifRange === object.etag
        ? parseByteRange(req.headers.range, object.size)
        : undefined;
    if (range === "unsatisfiable") {
      release(object);
      res
        .writeHead(416, { ...headers, "Content-Range": `bytes */${object.size}`, "Content-Length": 0 })
        .end();
      return;
    }
    let served = object;
    let status = 200;
    headers["Content-Length"] = object.size;
    if (range !== undefined) {
      release(object);
      const part = objects(key, range);
      if (part === undefined) return sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
      served = part;
      status = 206;
      headers["Content-Range"] = `bytes ${range.start}-${range.end}/${object.size}`;
      headers["Content-Length"] = range.end - range.start + 1;
    }
    res.writeHead(status, headers);
    if (req.method === "HEAD") {
      release(served);
      res.end();
      return;
    }
    // Thumbnails and web variants arrive already read: one write, no stream to wire up.
    if (served.bytes !== undefined) {
      res.end(served.bytes);
      return;
    }
    await pipeline(served.body, res).catch(() => {
      // The viewer went away mid-transfer; pipeline already closed both ends.
    });
  };
}

/** Lets go of an object that will not be sent: closes its file unless it was read whole already. */
function release(object: OpenedObject): void {
  if (object.bytes === undefined) object.body.destroy();
}

function sendError(res: ServerResponse, status: 403 | 404, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, {
    "Content-Type": "application/xml",
    "Content-Length": Buffer.byteLength(xml),
    "Cache-Control": "no-store",
  });
  res.end(xml);
}

/** `variants/p1/web.webp` → `p1-web.webp`: a file name that says which photo it is. */
function downloadName(key: string): string {
  return key.split("/").slice(1).join("-");
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
