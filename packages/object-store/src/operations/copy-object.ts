import type { ObjectAttributes, ObjectRecord, StoredChecksums } from "../catalog/records.js";
import { type ChecksumAlgorithm, checksumAlgorithmForHeader } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import { attributesFromRequest } from "../http/object-headers.js";
import { type ObjectRequest, requestHeader } from "../http/request-context.js";
import { sendXml } from "../http/responses.js";
import { element, xmlDocument } from "../http/xml.js";
import { ingestBody } from "../storage/ingest.js";
import type { StoreDeps } from "../store-deps.js";
import { checkCopySourceConditions, parseCopySource } from "./copy-source.js";
import { commitNewObject } from "./object-writer.js";
import { MAX_SINGLE_PUT_BYTES, refuseExistingWhenCreateOnly, writeConditions } from "./put-object.js";

/**
 * CopyObject (PUT /bucket/key with `x-amz-copy-source`): the source's bytes are copied into a new blob of
 * their own, through the same ingest as an upload (temp file, fsync, MD5 and checksums computed from the
 * bytes), and committed like a PUT, so `If-None-Match: *`/`If-Match` and ObjectCreated:Copy events apply.
 * The copy never shares a file with its source, so deleting or replacing the source cannot touch it.
 * Metadata comes from the source (`x-amz-metadata-directive: COPY`, the default) or the request (`REPLACE`).
 * The ETag is the MD5 of the bytes, also for a multipart source (as S3's CopyObject), and the source's
 * checksum algorithms are recomputed over the whole copy.
 */
export async function copyObject(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  const sourceName = parseCopySource(requestHeader(ctx, "x-amz-copy-source") ?? "");
  const directive = metadataDirective(ctx);
  const conditions = writeConditions(ctx);
  const requestedAlgorithm = requestedChecksumAlgorithm(ctx);
  const replacement = directive === "REPLACE" ? attributesFromRequest(ctx) : undefined;
  if (!deps.buckets.has(sourceName.bucket)) {
    throw new S3Error("NoSuchBucket", "The specified bucket does not exist", {
      BucketName: sourceName.bucket,
    });
  }
  const source = deps.catalog.getObject(sourceName.bucket, sourceName.key);
  if (!source) throw new S3Error("NoSuchKey", "The specified key does not exist.", { Key: sourceName.key });
  checkCopySourceConditions(ctx, source);
  if (sourceName.bucket === ctx.bucket.name && sourceName.key === ctx.key && directive === "COPY") {
    throw new S3Error(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  if (source.size > MAX_SINGLE_PUT_BYTES) {
    throw new S3Error(
      "InvalidRequest",
      `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_SINGLE_PUT_BYTES}`,
    );
  }
  refuseExistingWhenCreateOnly(deps, ctx, conditions);

  const algorithms = new Set(Object.keys(source.checksums).flatMap((name) => asAlgorithm(name) ?? []));
  if (requestedAlgorithm) algorithms.add(requestedAlgorithm);
  // Opened synchronously right after the catalog lookup: no write can replace and delete the blob between.
  const bytes = deps.blobs.read(source.blobId);
  const body = await ingestBody(bytes, deps, {
    maxBytes: MAX_SINGLE_PUT_BYTES,
    hash: { checksums: [...algorithms], sha256Hex: false },
  }).catch((error: unknown) => {
    bytes.destroy();
    throw error;
  });
  if (!source.etag.includes("-") && source.etag !== `"${body.digests.md5Hex}"`) {
    // The blob no longer hashes to the ETag it was stored with: copying it would hide the damage under a new one.
    await deps.blobs.discard(body.temp);
    throw new Error(`blob ${source.blobId} of ${source.bucket}/${source.key} does not match its ETag`);
  }
  const checksums: StoredChecksums = {};
  for (const algorithm of algorithms) checksums[algorithm] = body.digests.checksums[algorithm];

  const record = await commitNewObject(
    deps,
    ctx,
    {
      bucket: ctx.bucket,
      key: ctx.key,
      body,
      etag: `"${body.digests.md5Hex}"`,
      attributes: replacement ?? attributesOf(source),
      checksums,
      principalId: ctx.auth.accessKeyId,
    },
    conditions,
    "ObjectCreated:Copy",
  );
  sendXml(
    ctx,
    200,
    xmlDocument(
      "CopyObjectResult",
      element("ETag", record.etag) +
        element("LastModified", record.lastModified.toISOString()) +
        Object.entries(record.checksums)
          .map(([algorithm, value]) => element(`Checksum${algorithm}`, value))
          .join(""),
    ),
  );
}

function metadataDirective(ctx: ObjectRequest): "COPY" | "REPLACE" {
  const value = requestHeader(ctx, "x-amz-metadata-directive") ?? "COPY";
  if (value === "COPY" || value === "REPLACE") return value;
  throw new S3Error("InvalidArgument", "Unknown metadata directive.", {
    ArgumentName: "x-amz-metadata-directive",
    ArgumentValue: value,
  });
}

/** `x-amz-checksum-algorithm`: a checksum the copy must carry besides the source's own. */
function requestedChecksumAlgorithm(ctx: ObjectRequest): ChecksumAlgorithm | undefined {
  const value = requestHeader(ctx, "x-amz-checksum-algorithm");
  if (value === undefined) return undefined;
  const algorithm = asAlgorithm(value);
  if (!algorithm) throw new S3Error("InvalidRequest", "Checksum algorithm provided is unsupported.");
  return algorithm;
}

function asAlgorithm(name: string): ChecksumAlgorithm | undefined {
  return checksumAlgorithmForHeader(`x-amz-checksum-${name.trim().toLowerCase()}`);
}

/** What a COPY directive carries over: every stored attribute, none of the object's identity. */
function attributesOf(source: ObjectRecord): ObjectAttributes {
  const { contentType, cacheControl, contentDisposition, contentEncoding, contentLanguage, expires } = source;
  return {
    metadata: { ...source.metadata },
    ...(contentType !== undefined ? { contentType } : {}),
    ...(cacheControl !== undefined ? { cacheControl } : {}),
    ...(contentDisposition !== undefined ? { contentDisposition } : {}),
    ...(contentEncoding !== undefined ? { contentEncoding } : {}),
    ...(contentLanguage !== undefined ? { contentLanguage } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
}
