import type { WriteConditions } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { attributesFromRequest } from "../http/object-headers.js";
import { type ObjectRequest, requestHeader } from "../http/request-context.js";
import { sendEmpty } from "../http/responses.js";
import type { StoreDeps } from "../store-deps.js";
import { withCreateOnlyPrefixes } from "./create-only-prefixes.js";
import { checksumHeaders, commitNewObject } from "./object-writer.js";
import { receiveVerifiedBody } from "./receive-body.js";

/** S3's limit for one PUT (and one part). */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

/**
 * The size a body declares: Content-Length, or x-amz-decoded-content-length for aws-chunked bodies.
 * Refuses what S3 refuses before reading a byte (too large, no length at all).
 */
export function declaredBodySize(ctx: ObjectRequest, maxBytes: number): number | undefined {
  const chunked = ctx.auth.payload.kind === "aws-chunked";
  const raw = chunked
    ? (requestHeader(ctx, "x-amz-decoded-content-length") ?? undefined)
    : requestHeader(ctx, "content-length");
  if (raw === undefined) {
    if (chunked) return undefined;
    throw new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header.");
  }
  const size = Number(raw);
  if (size > maxBytes) {
    throw new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
      ProposedSize: size,
      MaxSizeAllowed: maxBytes,
    });
  }
  return size;
}

/**
 * `If-None-Match: *` / `If-Match: etag` of a write, plus the bucket's create-only prefixes. Other
 * If-None-Match values are not supported by S3.
 */
export function writeConditions(ctx: ObjectRequest): WriteConditions {
  const conditions: WriteConditions = {};
  const ifNoneMatch = requestHeader(ctx, "if-none-match");
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") {
      throw new S3Error(
        "NotImplemented",
        "A header you provided implies functionality that is not implemented",
        {
          Header: "If-None-Match",
        },
      );
    }
    conditions.ifNoneMatch = true;
  }
  const ifMatch = requestHeader(ctx, "if-match");
  if (ifMatch !== undefined) conditions.ifMatch = ifMatch;
  return withCreateOnlyPrefixes(ctx.bucket, ctx.key, conditions);
}

/**
 * Refuses a create-only write (`If-None-Match: *`) to a key that exists before any bytes are read or
 * copied; the catalog transaction checks again for racing writers.
 */
export function refuseExistingWhenCreateOnly(
  deps: StoreDeps,
  ctx: ObjectRequest,
  conditions: WriteConditions,
): void {
  if (conditions.ifNoneMatch && deps.catalog.getObject(ctx.bucket.name, ctx.key)) {
    throw new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
      Condition: "If-None-Match",
    });
  }
}

/** PutObject: stream the body to disk, verify it, then make it the object in one transaction. */
export async function putObject(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  declaredBodySize(ctx, MAX_SINGLE_PUT_BYTES);
  const conditions = writeConditions(ctx);
  refuseExistingWhenCreateOnly(deps, ctx, conditions);
  const attributes = attributesFromRequest(ctx);
  const { body, checksums } = await receiveVerifiedBody(deps, ctx, { maxBytes: MAX_SINGLE_PUT_BYTES });
  const record = await commitNewObject(
    deps,
    ctx,
    {
      bucket: ctx.bucket,
      key: ctx.key,
      body,
      etag: `"${body.digests.md5Hex}"`,
      attributes,
      checksums,
      principalId: ctx.auth.accessKeyId,
    },
    conditions,
    "ObjectCreated:Put",
  );
  sendEmpty(ctx, 200, { etag: record.etag, ...checksumHeaders(record.checksums) });
}
