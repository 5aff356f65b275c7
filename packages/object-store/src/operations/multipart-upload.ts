import type { UploadRecord } from "../catalog/records.js";
import type { ChecksumAlgorithm } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import { attributesFromRequest } from "../http/object-headers.js";
import { type ObjectRequest, requestHeader } from "../http/request-context.js";
import { ownerXml, sendEmpty, sendXml } from "../http/responses.js";
import { container, element, xmlDocument } from "../http/xml.js";
import type { StoreDeps } from "../store-deps.js";
import { checksumHeaders } from "./object-writer.js";
import { declaredBodySize, MAX_SINGLE_PUT_BYTES } from "./put-object.js";
import { receiveVerifiedBody } from "./receive-body.js";
import { newUploadId } from "./upload-id.js";

export const MAX_PART_NUMBER = 10_000;
const CHECKSUM_ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"] as const;

/** The upload an UploadPart/ListParts/Complete/Abort request names, checked against its bucket and key. */
export function findUpload(deps: StoreDeps, ctx: ObjectRequest): UploadRecord {
  const uploadId = ctx.query.get("uploadId") ?? "";
  const upload = deps.catalog.getUpload(uploadId);
  if (!upload || upload.bucket !== ctx.bucket.name || upload.key !== ctx.key) {
    throw new S3Error(
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      { UploadId: uploadId },
    );
  }
  return upload;
}

/** CreateMultipartUpload (POST ?uploads): remembers the object's attributes for completion. */
export function createMultipartUpload(deps: StoreDeps, ctx: ObjectRequest): void {
  const attributes: UploadRecord["attributes"] = attributesFromRequest(ctx);
  // Multipart checksums here are composite (checksum of the part checksums); a full-object CRC of the
  // whole upload is refused up front rather than failing with BadDigest once every part is in.
  if (requestHeader(ctx, "x-amz-checksum-type")?.toUpperCase() === "FULL_OBJECT") {
    throw new S3Error(
      "NotImplemented",
      "A header you provided implies functionality that is not implemented",
      {
        Header: "x-amz-checksum-type",
      },
    );
  }
  const algorithm = requestHeader(ctx, "x-amz-checksum-algorithm")?.toUpperCase();
  if (algorithm !== undefined) {
    if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new S3Error("InvalidRequest", "Checksum algorithm provided is unsupported.");
    }
    attributes.checksumAlgorithm = algorithm;
  }
  const initiated = deps.now();
  const uploadId = newUploadId(initiated);
  deps.catalog.createUpload({
    uploadId,
    bucket: ctx.bucket.name,
    key: ctx.key,
    attributes,
    initiated,
    initiator: ctx.auth.accessKeyId,
  });
  const headers = algorithm ? { "x-amz-checksum-algorithm": algorithm } : {};
  for (const [name, value] of Object.entries(headers)) ctx.res.setHeader(name, value);
  sendXml(
    ctx,
    200,
    xmlDocument(
      "InitiateMultipartUploadResult",
      element("Bucket", ctx.bucket.name) + element("Key", ctx.key) + element("UploadId", uploadId),
    ),
  );
}

/** UploadPart (PUT ?partNumber&uploadId), presigned or not: stored as its own blob until completion. */
export async function uploadPart(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  if (requestHeader(ctx, "x-amz-copy-source") !== undefined) {
    throw new S3Error("NotImplemented", "UploadPartCopy is not implemented by this store.");
  }
  const partNumber = Number(ctx.query.get("partNumber"));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", {
      ArgumentName: "partNumber",
      ArgumentValue: ctx.query.get("partNumber") ?? "",
    });
  }
  const upload = findUpload(deps, ctx);
  declaredBodySize(ctx, MAX_SINGLE_PUT_BYTES);
  const { body, checksums } = await receiveVerifiedBody(deps, ctx, {
    maxBytes: MAX_SINGLE_PUT_BYTES,
    alsoCompute: upload.attributes.checksumAlgorithm as ChecksumAlgorithm | undefined,
  });
  const blobId = await deps.blobs.commit(body.temp);
  const etag = `"${body.digests.md5Hex}"`;
  let replacedBlobId: string | undefined;
  try {
    ({ replacedBlobId } = deps.catalog.putPart({
      uploadId: upload.uploadId,
      partNumber,
      blobId,
      size: body.size,
      etag,
      checksums,
      lastModified: deps.now(),
    }));
  } catch (error) {
    // The upload was aborted or completed while this part was arriving.
    await deps.blobs.remove(blobId);
    throw error;
  }
  if (replacedBlobId !== undefined) void deps.blobs.remove(replacedBlobId);
  sendEmpty(ctx, 200, { etag, ...checksumHeaders(checksums) });
}

/** AbortMultipartUpload (DELETE ?uploadId): forgets the upload and deletes its parts. */
export async function abortMultipartUpload(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  const upload = findUpload(deps, ctx);
  const partsRemoved = discardUpload(deps, upload.uploadId);
  sendEmpty(ctx, 204);
  await partsRemoved;
}

/**
 * Aborts an upload: forgets it and its parts in one catalog transaction, before this returns (throwing
 * NoSuchUpload when it is already gone), then deletes the part blobs; the promise settles once they are
 * deleted. Shared by AbortMultipartUpload and the expiry of abandoned uploads.
 */
export function discardUpload(deps: Pick<StoreDeps, "catalog" | "blobs">, uploadId: string): Promise<void> {
  const partBlobs = deps.catalog.abortUpload(uploadId);
  return Promise.all(partBlobs.map((id) => deps.blobs.remove(id))).then(() => undefined);
}

/** ListParts (GET ?uploadId): part-number-marker and max-parts paging. */
export function listParts(deps: StoreDeps, ctx: ObjectRequest): void {
  const upload = findUpload(deps, ctx);
  const marker = Number(ctx.query.get("part-number-marker") ?? "0");
  const maxParts = Math.min(1000, Number(ctx.query.get("max-parts") ?? "1000"));
  if (!Number.isInteger(marker) || marker < 0 || !Number.isInteger(maxParts) || maxParts < 0) {
    throw new S3Error("InvalidArgument", "part-number-marker and max-parts must be non-negative integers");
  }
  const parts = deps.catalog.listParts(upload.uploadId, marker, maxParts + 1);
  const initiator = upload.initiator ?? ctx.auth.accessKeyId;
  const truncated = parts.length > maxParts;
  const page = parts.slice(0, maxParts);
  const body =
    element("Bucket", upload.bucket) +
    element("Key", upload.key) +
    element("UploadId", upload.uploadId) +
    element("PartNumberMarker", marker) +
    element("NextPartNumberMarker", page.at(-1)?.partNumber ?? marker) +
    element("MaxParts", maxParts) +
    element("IsTruncated", truncated) +
    element("ChecksumAlgorithm", upload.attributes.checksumAlgorithm) +
    page
      .map((p) =>
        container(
          "Part",
          element("PartNumber", p.partNumber) +
            element("LastModified", p.lastModified.toISOString()) +
            element("ETag", p.etag) +
            element("Size", p.size) +
            Object.entries(p.checksums)
              .map(([algorithm, value]) => element(`Checksum${algorithm}`, value))
              .join(""),
        ),
      )
      .join("") +
    container("Initiator", element("ID", initiator) + element("DisplayName", initiator)) +
    ownerXml(initiator) +
    element("StorageClass", "STANDARD");
  sendXml(ctx, 200, xmlDocument("ListPartsResult", body));
}
