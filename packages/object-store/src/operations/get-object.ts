import { pipeline } from "node:stream/promises";
import type { ObjectRecord } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { setObjectHeaders } from "../http/object-headers.js";
import { parseRange } from "../http/range.js";
import { type ObjectRequest, requestHeader } from "../http/request-context.js";
import type { StoreDeps } from "../store-deps.js";
import { evaluateReadConditions, preconditionFailed } from "./read-conditions.js";

/** GetObject and HeadObject (same headers; HEAD sends no body). Range and conditional requests included. */
export async function getObject(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  if (ctx.query.has("partNumber")) {
    throw new S3Error("NotImplemented", "GetObject with partNumber is not implemented by this store.");
  }
  const object = deps.catalog.getObject(ctx.bucket.name, ctx.key);
  if (!object) throw new S3Error("NoSuchKey", "The specified key does not exist.", { Key: ctx.key });
  checkReadConditions(ctx, object);

  const range = parseRange(requestHeader(ctx, "range"), object.size);
  const { res } = ctx;
  // Stored checksums cover the whole object: S3 leaves them out of ranged answers.
  const withChecksums = !range && requestHeader(ctx, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED";
  setObjectHeaders(res, object, ctx.query, withChecksums);
  if (range) {
    res.statusCode = 206;
    res.setHeader("content-range", `bytes ${range.start}-${range.end}/${object.size}`);
    res.setHeader("content-length", range.end - range.start + 1);
  } else {
    res.statusCode = 200;
    res.setHeader("content-length", object.size);
  }
  if (ctx.method === "HEAD" || object.size === 0) {
    res.end();
    return;
  }
  // Opened synchronously right after the catalog lookup: no write can replace and delete the blob between.
  const stream = deps.blobs.read(object.blobId, range);
  await pipeline(stream, res).catch((error: unknown) => {
    // The client went away or the disk failed mid-body: headers are out, so only the connection can tell.
    res.destroy(error instanceof Error ? error : undefined);
  });
}

/** If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since (304), with S3's precedence. */
function checkReadConditions(ctx: ObjectRequest, object: ObjectRecord): void {
  const outcome = evaluateReadConditions((name) => requestHeader(ctx, name), object);
  if (outcome?.kind === "failed") throw preconditionFailed(outcome.condition);
  if (outcome?.kind === "unchanged") throw notModified(ctx, object);
}

function notModified(ctx: ObjectRequest, object: ObjectRecord): S3Error {
  ctx.res.setHeader("etag", object.etag);
  ctx.res.setHeader("last-modified", object.lastModified.toUTCString());
  return new S3Error("NotModified", "Not Modified");
}
