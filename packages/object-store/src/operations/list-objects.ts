import type { Catalog } from "../catalog/catalog.js";
import type { ObjectRecord } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { encodeEventKey } from "../events/event-builder.js";
import type { BucketRequest } from "../http/request-context.js";
import { ownerXml, sendXml } from "../http/responses.js";
import { container, element, xmlDocument } from "../http/xml.js";
import { prefixUpperBound } from "../object-key.js";
import type { StoreDeps } from "../store-deps.js";
import { type KeyBound, type KeyOrderedSource, type ListedEntry, listGrouped } from "./grouped-listing.js";

type Entry = ListedEntry<ObjectRecord>;

/** Objects in key order, one row per key. */
function objectSource(catalog: Catalog, bucket: string): KeyOrderedSource<ObjectRecord, KeyBound> {
  return {
    page: (from, limit, before) =>
      catalog.listObjects(bucket, {
        from: from.key,
        inclusive: from.inclusive,
        limit,
        ...(before !== undefined ? { before } : {}),
      }),
    keyOf: (object) => object.key,
    after: (object) => ({ key: object.key, inclusive: false }),
  };
}

function listEntries(
  catalog: Catalog,
  bucket: string,
  query: { prefix: string; delimiter: string; maxKeys: number; cursor: KeyBound },
): { entries: Entry[]; truncated: boolean } {
  return listGrouped(objectSource(catalog, bucket), {
    prefix: query.prefix,
    delimiter: query.delimiter,
    max: query.maxKeys,
    start: query.cursor,
  });
}

/** ListObjectsV2 (GET /bucket?list-type=2): prefix, delimiter, max-keys, continuation-token, start-after. */
export function listObjectsV2(deps: StoreDeps, ctx: BucketRequest): void {
  const q = ctx.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const maxKeys = parseMaxKeys(q.get("max-keys"));
  const startAfter = q.get("start-after") ?? undefined;
  const token = q.get("continuation-token") ?? undefined;
  const { urlEncoded, enc } = keyEncoder(q);
  const cursor: KeyBound = token
    ? decodeToken(token)
    : { key: startAfter ?? "", inclusive: startAfter === undefined };
  const { entries, truncated } =
    maxKeys === 0
      ? { entries: [], truncated: false }
      : listEntries(deps.catalog, ctx.bucket.name, { prefix, delimiter, maxKeys, cursor });

  const last = entries.at(-1);
  const nextToken =
    truncated && last
      ? encodeToken(
          last.kind === "row"
            ? { key: last.row.key, inclusive: false }
            : { key: prefixUpperBound(last.prefix) ?? last.prefix, inclusive: true },
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
    entriesXml(entries, enc, q.get("fetch-owner") === "true" ? ctx.auth.accessKeyId : undefined);
  sendXml(ctx, 200, xmlDocument("ListBucketResult", body));
}

/**
 * Objects first, then the rolled-up common prefixes, as S3 lists them. With `owner` (always in v1, with
 * `fetch-owner=true` in v2) each object carries `<Owner>`: this store has one owner per access key, and
 * records no other, so the requester's key is shown.
 */
function entriesXml(entries: Entry[], enc: (text: string) => string, owner?: string): string {
  return listedEntriesXml(entries, (object) => contentsXml(object, enc, owner), enc);
}

/** A listing's rows rendered by `rowXml`, then its `<CommonPrefixes>`, the order S3's listings use. */
export function listedEntriesXml<T>(
  entries: readonly ListedEntry<T>[],
  rowXml: (row: T) => string,
  enc: (text: string) => string,
): string {
  const rows = entries.map((e) => (e.kind === "row" ? rowXml(e.row) : ""));
  const prefixes = entries.map((e) =>
    e.kind === "prefix" ? container("CommonPrefixes", element("Prefix", enc(e.prefix))) : "",
  );
  return rows.join("") + prefixes.join("");
}

function contentsXml(object: ObjectRecord, enc: (text: string) => string, owner?: string): string {
  const algorithms = Object.keys(object.checksums);
  return container(
    "Contents",
    element("Key", enc(object.key)) +
      element("LastModified", object.lastModified.toISOString()) +
      element("ETag", object.etag) +
      algorithms.map((a) => element("ChecksumAlgorithm", a)).join("") +
      element("Size", object.size) +
      (owner === undefined ? "" : ownerXml(owner)) +
      element("StorageClass", "STANDARD"),
  );
}

/** A listing's `max-keys` (or `max-uploads`, named by `argument`): default and cap 1,000, as S3. */
export function parseMaxKeys(raw: string | null, argument = "max-keys"): number {
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw)) {
    throw new S3Error("InvalidArgument", `Provided ${argument} not an integer or within integer range`, {
      ArgumentName: argument,
      ArgumentValue: raw,
    });
  }
  return Math.min(1000, Number(raw));
}

/**
 * The key encoding a listing request asks for: `encoding-type=url` percent-encodes keys, prefixes and
 * delimiters in the answer (for keys XML 1.0 cannot carry); any other value is refused, as S3 does.
 */
export function keyEncoder(query: URLSearchParams): { urlEncoded: boolean; enc: (text: string) => string } {
  const urlEncoded = query.get("encoding-type") === "url";
  if (query.has("encoding-type") && !urlEncoded) {
    throw new S3Error("InvalidArgument", "Invalid Encoding Method specified in Request", {
      ArgumentName: "encoding-type",
    });
  }
  return { urlEncoded, enc: (text) => (urlEncoded ? encodeEventKey(text) : text) };
}

function encodeToken(cursor: KeyBound): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.inclusive]), "utf8").toString("base64url");
}

function decodeToken(token: string): KeyBound {
  try {
    const [key, inclusive] = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown[];
    if (typeof key === "string" && typeof inclusive === "boolean") return { key, inclusive };
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
          cursor: { key: marker, inclusive: marker === "" },
        });
  const last = entries.at(-1);
  const nextMarker =
    truncated && delimiter !== "" && last ? (last.kind === "row" ? last.row.key : last.prefix) : undefined;
  const body =
    element("Name", ctx.bucket.name) +
    element("Prefix", enc(prefix)) +
    element("Marker", enc(marker)) +
    element("NextMarker", nextMarker === undefined ? undefined : enc(nextMarker)) +
    element("MaxKeys", maxKeys) +
    element("Delimiter", delimiter === "" ? undefined : enc(delimiter)) +
    element("EncodingType", urlEncoded ? "url" : undefined) +
    element("IsTruncated", truncated) +
    entriesXml(entries, enc, ctx.auth.accessKeyId);
  sendXml(ctx, 200, xmlDocument("ListBucketResult", body));
}
