import type { Catalog } from "../catalog/catalog.js";
import type { ObjectRecord } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { encodeEventKey } from "../events/event-builder.js";
import type { BucketRequest } from "../http/request-context.js";
import { sendXml } from "../http/responses.js";
import { container, element, xmlDocument } from "../http/xml.js";
import { prefixUpperBound } from "../object-key.js";
import type { StoreDeps } from "../store-deps.js";

/** Where a listing (re)starts: at `from` itself when inclusive, else just after it. */
interface Cursor {
  from: string;
  inclusive: boolean;
}

type Entry = { kind: "object"; object: ObjectRecord } | { kind: "prefix"; prefix: string };

export interface ListQuery {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  cursor: Cursor;
}

const PAGE = 1000;

/**
 * Walks a bucket in key order from `cursor`, rolling keys that contain `delimiter` after `prefix` into
 * common prefixes, and collects up to `maxKeys` entries (one more to know whether the list is truncated).
 * Each common prefix costs one index seek: the walk jumps past every key it covers.
 */
export function listEntries(
  catalog: Catalog,
  bucket: string,
  query: ListQuery,
): { entries: Entry[]; truncated: boolean } {
  const upper = query.prefix === "" ? undefined : prefixUpperBound(query.prefix);
  let cursor = query.cursor;
  if (cursor.from < query.prefix) cursor = { from: query.prefix, inclusive: true };
  const entries: Entry[] = [];
  while (entries.length <= query.maxKeys) {
    const rows = catalog.listObjects(bucket, {
      ...cursor,
      ...(upper !== undefined ? { before: upper } : {}),
      limit: Math.min(PAGE, query.maxKeys + 1 - entries.length),
    });
    if (rows.length === 0) break;
    for (const object of rows) {
      const cut = query.delimiter === "" ? -1 : object.key.indexOf(query.delimiter, query.prefix.length);
      if (cut < 0) {
        entries.push({ kind: "object", object });
        cursor = { from: object.key, inclusive: false };
        continue;
      }
      const prefix = object.key.slice(0, cut + query.delimiter.length);
      entries.push({ kind: "prefix", prefix });
      const next = prefixUpperBound(prefix);
      if (next === undefined) return { entries, truncated: false };
      cursor = { from: next, inclusive: true };
      break;
    }
  }
  const truncated = entries.length > query.maxKeys;
  return { entries: truncated ? entries.slice(0, query.maxKeys) : entries, truncated };
}

/** ListObjectsV2 (GET /bucket?list-type=2): prefix, delimiter, max-keys, continuation-token, start-after. */
export function listObjectsV2(deps: StoreDeps, ctx: BucketRequest): void {
  const q = ctx.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const maxKeys = parseMaxKeys(q.get("max-keys"));
  const startAfter = q.get("start-after") ?? undefined;
  const token = q.get("continuation-token") ?? undefined;
  const urlEncoded = q.get("encoding-type") === "url";
  if (q.has("encoding-type") && !urlEncoded) {
    throw new S3Error("InvalidArgument", "Invalid Encoding Method specified in Request", {
      ArgumentName: "encoding-type",
    });
  }
  const cursor: Cursor = token
    ? decodeToken(token)
    : { from: startAfter ?? "", inclusive: startAfter === undefined };
  const { entries, truncated } =
    maxKeys === 0
      ? { entries: [], truncated: false }
      : listEntries(deps.catalog, ctx.bucket.name, { prefix, delimiter, maxKeys, cursor });

  const enc = (text: string) => (urlEncoded ? encodeEventKey(text) : text);
  const last = entries.at(-1);
  const nextToken =
    truncated && last
      ? encodeToken(
          last.kind === "object"
            ? { from: last.object.key, inclusive: false }
            : { from: prefixUpperBound(last.prefix) ?? last.prefix, inclusive: true },
        )
      : undefined;
  const body =
    element("Name", ctx.bucket.name) +
    element("Prefix", enc(prefix)) +
    element("StartAfter", startAfter === undefined ? undefined : enc(startAfter)) +
    element("ContinuationToken", token) +
    element("NextContinuationToken", nextToken) +
    element("KeyCount", entries.length) +
    element("MaxKeys", maxKeys) +
    element("Delimiter", delimiter === "" ? undefined : enc(delimiter)) +
    element("EncodingType", urlEncoded ? "url" : undefined) +
    element("IsTruncated", truncated) +
    entriesXml(entries, enc);
  sendXml(ctx, 200, xmlDocument("ListBucketResult", body));
}

/** Objects first, then the rolled-up common prefixes, as S3 lists them. */
function entriesXml(entries: Entry[], enc: (text: string) => string): string {
  const objects = entries.map((e) => (e.kind === "object" ? contentsXml(e.object, enc) : ""));
  const prefixes = entries.map((e) =>
    e.kind === "prefix" ? container("CommonPrefixes", element("Prefix", enc(e.prefix))) : "",
  );
  return objects.join("") + prefixes.join("");
}

function contentsXml(object: ObjectRecord, enc: (text: string) => string): string {
  const algorithms = Object.keys(object.checksums);
  return container(
    "Contents",
    element("Key", enc(object.key)) +
      element("LastModified", object.lastModified.toISOString()) +
      element("ETag", object.etag) +
      algorithms.map((a) => element("ChecksumAlgorithm", a)).join("") +
      element("Size", object.size) +
      element("StorageClass", "STANDARD"),
  );
}

function parseMaxKeys(raw: string | null): number {
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw)) {
    throw new S3Error("InvalidArgument", "Provided max-keys not an integer or within integer range", {
      ArgumentName: "max-keys",
      ArgumentValue: raw,
    });
  }
  return Math.min(1000, Number(raw));
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.from, cursor.inclusive]), "utf8").toString("base64url");
}

function decodeToken(token: string): Cursor {
  try {
    const [from, inclusive] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown[];
    if (typeof from === "string" && typeof inclusive === "boolean") return { from, inclusive };
  } catch {
    // falls through to the S3 error below
  }
  throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
    ArgumentName: "continuation-token",
  });
}

/** ListObjects (version 1, GET /bucket): marker paging; NextMarker only with a delimiter, as S3. */
export function listObjectsV1(deps: StoreDeps, ctx: BucketRequest): void {
  const q = ctx.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const marker = q.get("marker") ?? "";
  const maxKeys = parseMaxKeys(q.get("max-keys"));
  const urlEncoded = q.get("encoding-type") === "url";
  const enc = (text: string) => (urlEncoded ? encodeEventKey(text) : text);
  const { entries, truncated } =
    maxKeys === 0
      ? { entries: [], truncated: false }
      : listEntries(deps.catalog, ctx.bucket.name, {
          prefix,
          delimiter,
          maxKeys,
          cursor: { from: marker, inclusive: marker === "" },
        });
  const last = entries.at(-1);
  const nextMarker =
    truncated && delimiter !== "" && last
      ? last.kind === "object"
        ? last.object.key
        : last.prefix
      : undefined;
  const body =
    element("Name", ctx.bucket.name) +
    element("Prefix", enc(prefix)) +
    element("Marker", enc(marker)) +
    element("NextMarker", nextMarker === undefined ? undefined : enc(nextMarker)) +
    element("MaxKeys", maxKeys) +
    element("Delimiter", delimiter === "" ? undefined : enc(delimiter)) +
    element("EncodingType", urlEncoded ? "url" : undefined) +
    element("IsTruncated", truncated) +
    entriesXml(entries, enc);
  sendXml(ctx, 200, xmlDocument("ListBucketResult", body));
}
