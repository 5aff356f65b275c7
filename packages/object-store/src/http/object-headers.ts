import type { ServerResponse } from "node:http";
import type { ObjectAttributes, ObjectRecord } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { headerText } from "../header-text.js";
import { decodeMetadataValue, encodeMetadataValue } from "./metadata-encoding.js";
import { type RequestContext, requestHeader, requestHeaderNames } from "./request-context.js";

const META_PREFIX = "x-amz-meta-";
/** S3 caps user metadata at 2 KB (names plus values, UTF-8). */
const MAX_METADATA_BYTES = 2048;

/** Drops `aws-chunked` (a transfer framing, never part of the stored object) from a Content-Encoding. */
export function storedContentEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const kept = value
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "" && e.toLowerCase() !== "aws-chunked");
  return kept.length > 0 ? kept.join(", ") : undefined;
}

/** Collects `x-amz-meta-*` pairs (names lower-cased without the prefix, values decoded) and checks size. */
export function collectMetadata(entries: Iterable<[string, string]>): Record<string, string> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(META_PREFIX) || lower.length === META_PREFIX.length) continue;
    const short = lower.slice(META_PREFIX.length);
    const decoded = decodeMetadataValue(value);
    metadata[short] = decoded;
    bytes += Buffer.byteLength(short) + Buffer.byteLength(decoded);
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new S3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.", {
      Size: bytes,
      MaxSizeAllowed: MAX_METADATA_BYTES,
    });
  }
  return metadata;
}

/** The stored attributes an S3 write request (PutObject, CreateMultipartUpload) carries in its headers. */
export function attributesFromRequest(ctx: RequestContext): ObjectAttributes {
  const attributes: ObjectAttributes = {
    metadata: collectMetadata(
      // Header bytes arrive as latin1; non-ASCII metadata is the UTF-8 text the client signed.
      requestHeaderNames(ctx).map(
        (name) => [name, headerText(requestHeader(ctx, name) ?? "")] as [string, string],
      ),
    ),
  };
  const contentType = requestHeader(ctx, "content-type");
  attributes.contentType = contentType ?? "binary/octet-stream";
  const pairs: [keyof ObjectAttributes, string][] = [
    ["cacheControl", "cache-control"],
    ["contentDisposition", "content-disposition"],
    ["contentLanguage", "content-language"],
    ["expires", "expires"],
  ];
  for (const [field, header] of pairs) {
    const value = requestHeader(ctx, header);
    if (value !== undefined) (attributes as unknown as Record<string, string>)[field] = value;
  }
  const encoding = storedContentEncoding(requestHeader(ctx, "content-encoding"));
  if (encoding !== undefined) attributes.contentEncoding = encoding;
  return attributes;
}

/**
 * The headers GetObject/HeadObject answer with, including `response-*` overrides from the query (which S3
 * honours on signed requests, e.g. a presigned download with its own Content-Disposition).
 */
export function setObjectHeaders(
  res: ServerResponse,
  object: ObjectRecord,
  query: URLSearchParams,
  withChecksums: boolean,
): void {
  res.setHeader("etag", object.etag);
  res.setHeader("last-modified", object.lastModified.toUTCString());
  res.setHeader("accept-ranges", "bytes");
  const standard: [string, string | undefined][] = [
    ["content-type", object.contentType],
    ["cache-control", object.cacheControl],
    ["content-disposition", object.contentDisposition],
    ["content-encoding", object.contentEncoding],
    ["content-language", object.contentLanguage],
    ["expires", object.expires],
  ];
  for (const [name, stored] of standard) {
    const value = query.get(`response-${name}`) ?? stored;
    if (value !== undefined) res.setHeader(name, encodeMetadataValue(value));
  }
  for (const [name, value] of Object.entries(object.metadata)) {
    res.setHeader(`${META_PREFIX}${name}`, encodeMetadataValue(value));
  }
  // No x-amz-mp-parts-count: S3 sends it only for a GET/HEAD by partNumber, which this store does not offer.
  if (withChecksums) {
    for (const [algorithm, value] of Object.entries(object.checksums)) {
      if (value === undefined) continue;
      res.setHeader(`x-amz-checksum-${algorithm.toLowerCase()}`, value);
      res.setHeader("x-amz-checksum-type", value.includes("-") ? "COMPOSITE" : "FULL_OBJECT");
    }
  }
}
