import type { Catalog } from "../catalog/catalog.js";
import type { UploadCursor, UploadRecord } from "../catalog/records.js";
import type { BucketRequest } from "../http/request-context.js";
import { ownerXml, sendXml } from "../http/responses.js";
import { container, element, xmlDocument } from "../http/xml.js";
import type { StoreDeps } from "../store-deps.js";
import { type KeyBound, type KeyOrderedSource, type ListedEntry, listGrouped } from "./grouped-listing.js";
import { keyEncoder, listedEntriesXml, parseMaxKeys } from "./list-objects.js";
import { initiatedFromUploadId } from "./upload-id.js";

type UploadPosition = Exclude<UploadCursor, KeyBound>;

/** A bucket's uploads in (key, initiation time, upload id) order. */
function uploadSource(catalog: Catalog, bucket: string): KeyOrderedSource<UploadRecord, UploadPosition> {
  return {
    page: (from, limit, before) => catalog.listUploads(bucket, from, before, limit),
    keyOf: (upload) => upload.key,
    after: (upload) => ({
      key: upload.key,
      initiated: upload.initiated.getTime(),
      uploadId: upload.uploadId,
    }),
  };
}

/**
 * Where a listing resumes, from S3's markers: without `key-marker`, from the start (`upload-id-marker` is
 * then ignored, as S3 does); with only `key-marker`, after every upload of that key; with both, after the
 * marked upload of that key. A marked upload completed or aborted since is placed by the initiation time
 * its id carries; an id this store never made resumes at the key's first upload rather than skip any.
 */
function startPosition(
  catalog: Catalog,
  bucket: string,
  keyMarker: string,
  uploadIdMarker: string,
): UploadCursor {
  if (keyMarker === "") return { key: "", inclusive: true };
  if (uploadIdMarker === "") return { key: keyMarker, inclusive: false };
  const marked = catalog.getUpload(uploadIdMarker);
  const initiated =
    marked?.bucket === bucket && marked.key === keyMarker
      ? marked.initiated.getTime()
      : initiatedFromUploadId(uploadIdMarker);
  if (initiated === undefined) return { key: keyMarker, inclusive: true };
  return { key: keyMarker, initiated, uploadId: uploadIdMarker };
}

/**
 * ListMultipartUploads (GET /bucket?uploads): the bucket's uploads in progress, ordered by key then
 * initiation time, with prefix, delimiter (CommonPrefixes), key-marker/upload-id-marker paging, max-uploads
 * (default and cap 1,000) and encoding-type=url. Read by keyset from the catalog, whatever the depth.
 */
export function listMultipartUploads(deps: StoreDeps, ctx: BucketRequest): void {
  const q = ctx.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const keyMarker = q.get("key-marker") ?? "";
  const uploadIdMarker = q.get("upload-id-marker") ?? "";
  const maxUploads = parseMaxKeys(q.get("max-uploads"), "max-uploads");
  const { urlEncoded, enc } = keyEncoder(q);
  const { entries, truncated } =
    maxUploads === 0
      ? { entries: [], truncated: false }
      : listGrouped(uploadSource(deps.catalog, ctx.bucket.name), {
          prefix,
          delimiter,
          max: maxUploads,
          start: startPosition(deps.catalog, ctx.bucket.name, keyMarker, uploadIdMarker),
        });
  const last: ListedEntry<UploadRecord> | undefined = entries.at(-1);
  const requester = ctx.auth.accessKeyId;
  const body =
    element("Bucket", ctx.bucket.name) +
    element("KeyMarker", enc(keyMarker)) +
    element("UploadIdMarker", keyMarker === "" ? "" : uploadIdMarker) +
    element("NextKeyMarker", last && enc(last.kind === "row" ? last.row.key : last.prefix)) +
    element("Prefix", enc(prefix)) +
    element("Delimiter", delimiter === "" ? undefined : enc(delimiter)) +
    element("NextUploadIdMarker", last?.kind === "row" ? last.row.uploadId : undefined) +
    element("MaxUploads", maxUploads) +
    element("IsTruncated", truncated) +
    listedEntriesXml(entries, (upload) => uploadXml(upload, requester, enc), enc) +
    element("EncodingType", urlEncoded ? "url" : undefined);
  sendXml(ctx, 200, xmlDocument("ListMultipartUploadsResult", body));
}

/**
 * One `<Upload>`. This store's principals are access keys (as in ListParts and event identities): the
 * initiator is the key that created the upload, and owns what it will become.
 */
function uploadXml(upload: UploadRecord, requester: string, enc: (text: string) => string): string {
  const initiator = upload.initiator ?? requester;
  return container(
    "Upload",
    element("Key", enc(upload.key)) +
      element("UploadId", upload.uploadId) +
      container("Initiator", element("ID", initiator) + element("DisplayName", initiator)) +
      ownerXml(initiator) +
      element("StorageClass", "STANDARD") +
      element("Initiated", upload.initiated.toISOString()) +
      element("ChecksumAlgorithm", upload.attributes.checksumAlgorithm),
  );
}
