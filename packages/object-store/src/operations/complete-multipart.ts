import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { PartRecord, StoredChecksums, UploadRecord } from "../catalog/records.js";
import { type ChecksumAlgorithm, checksumAlgorithmForHeader, createChecksum } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import type { ObjectRequest } from "../http/request-context.js";
import { sendXml } from "../http/responses.js";
import { readSmallBody } from "../http/small-body.js";
import { childBlocks, childTexts, element, xmlDocument } from "../http/xml.js";
import type { IngestedBody } from "../storage/ingest.js";
import type { StoreDeps } from "../store-deps.js";
import { findUpload } from "./multipart-upload.js";
import { commitNewObject } from "./object-writer.js";
import { writeConditions } from "./put-object.js";

/** Every part but the last must be at least this large (S3's 5 MiB). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_COMPLETE_BODY_BYTES = 2 * 1024 * 1024;
/** CRC64NVME checksums of multipart objects are full-object checksums in S3, which parts cannot give. */
const COMPOSITE_ALGORITHMS = new Set(["CRC32", "CRC32C", "SHA1", "SHA256"]);

interface ListedPart {
  partNumber: number;
  etag: string;
  checksums: Record<string, string>;
}

/**
 * CompleteMultipartUpload (POST ?uploadId): checks the listed parts against the stored ones, streams them
 * into one new blob (reads stay Range-capable and byte-exact), and commits the object with ETag
 * `md5(part md5s)-N` in the transaction that forgets the upload.
 */
export async function completeMultipartUpload(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  const completed = deps.catalog.getCompletedUpload(ctx.query.get("uploadId") ?? "");
  if (completed && completed.bucket === ctx.bucket.name && completed.key === ctx.key) {
    // A retry (the first answer was lost): S3 answers it as it answered the completion.
    parseCompleteRequest((await readCompleteBody(ctx)).toString("utf8"));
    sendCompleteResult(ctx, completed.etag, completed.checksums);
    return;
  }
  const upload = findUpload(deps, ctx);
  // Claimed in the same turn as the lookup, before anything awaits: the expiry sweep cannot take the
  // parts from under a completion that has begun.
  const release = deps.completions.begin(upload.uploadId);
  try {
    await assembleAndCommit(deps, ctx, upload);
  } finally {
    release();
  }
}

async function assembleAndCommit(deps: StoreDeps, ctx: ObjectRequest, upload: UploadRecord): Promise<void> {
  const conditions = writeConditions(ctx);
  const listed = parseCompleteRequest((await readCompleteBody(ctx)).toString("utf8"));
  const stored = new Map(deps.catalog.listParts(upload.uploadId).map((p) => [p.partNumber, p]));
  const parts = listed.map((part, index) =>
    matchPart(part, stored.get(part.partNumber), index === listed.length - 1),
  );

  const temp = deps.blobs.createTempFile();
  let size = 0;
  const blobs = deps.blobs;
  try {
    await pipeline(async function* concatenateParts() {
      for (const part of parts) {
        for await (const chunk of blobs.read(part.blobId) as AsyncIterable<Buffer>) {
          size += chunk.length;
          yield chunk;
        }
      }
    }, blobs.openWriteStream(temp));
  } catch (error) {
    await deps.blobs.discard(temp);
    throw error;
  }
  const etag = multipartEtag(parts);
  const checksums = compositeChecksums(upload.attributes.checksumAlgorithm, parts);
  try {
    checkDeclaredChecksum(ctx, upload, checksums);
  } catch (error) {
    await deps.blobs.discard(temp);
    throw error;
  }
  const body: IngestedBody = { temp, size, digests: { md5Hex: etag, checksums: {} } };
  const record = await commitNewObject(
    deps,
    ctx,
    {
      bucket: ctx.bucket,
      key: ctx.key,
      body,
      etag,
      attributes: upload.attributes,
      checksums,
      partsCount: parts.length,
      completesUpload: upload.uploadId,
      principalId: ctx.auth.accessKeyId,
    },
    conditions,
    "ObjectCreated:CompleteMultipartUpload",
  );
  sendCompleteResult(ctx, record.etag, record.checksums);
}

/** The request's part list; its `x-amz-checksum-*` headers are the object's, not this document's. */
function readCompleteBody(ctx: ObjectRequest): Promise<Buffer> {
  return readSmallBody(ctx, MAX_COMPLETE_BODY_BYTES, { checksumHeadersDescribeObject: true });
}

function sendCompleteResult(ctx: ObjectRequest, etag: string, checksums: StoredChecksums): void {
  const location = `http://${ctx.req.headers.host ?? "localhost"}/${encodeURIComponent(ctx.bucket.name)}/${ctx.key
    .split("/")
    .map(encodeURIComponent)
    .join("/")}`;
  const listed = Object.entries(checksums).filter(([, value]) => value !== undefined);
  sendXml(
    ctx,
    200,
    xmlDocument(
      "CompleteMultipartUploadResult",
      element("Location", location) +
        element("Bucket", ctx.bucket.name) +
        element("Key", ctx.key) +
        element("ETag", etag) +
        listed.map(([algorithm, value]) => element(`Checksum${algorithm}`, value)).join("") +
        (listed.length > 0 ? element("ChecksumType", "COMPOSITE") : ""),
    ),
  );
}

/**
 * An `x-amz-checksum-*` header on CompleteMultipartUpload declares the object's checksum: for a composite
 * checksum, the checksum of the parts' checksums (the `-N` suffix may be left off). It must name the
 * upload's algorithm and match, else InvalidRequest or BadDigest.
 */
function checkDeclaredChecksum(ctx: ObjectRequest, upload: UploadRecord, computed: StoredChecksums): void {
  for (const [name, declared] of Object.entries(ctx.req.headers)) {
    const algorithm = checksumAlgorithmForHeader(name);
    if (algorithm === undefined || typeof declared !== "string") continue;
    if (upload.attributes.checksumAlgorithm !== algorithm) {
      throw new S3Error(
        "InvalidRequest",
        `The upload was created using ${upload.attributes.checksumAlgorithm ?? "no"} checksum algorithm; the complete request must use the same.`,
      );
    }
    const object = computed[algorithm];
    if (object === undefined) {
      throw new S3Error("InvalidRequest", `A ${algorithm} checksum of this upload cannot be computed.`);
    }
    const [value] = object.split("-");
    if (declared !== object && declared !== value) {
      throw new S3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`);
    }
  }
}

function parseCompleteRequest(xml: string): ListedPart[] {
  if (!/<CompleteMultipartUpload[\s>]/.test(xml)) throw malformedXml();
  const parts = childBlocks(xml, "Part").map((block) => {
    const [partNumber] = childTexts(block, "PartNumber");
    const [etag] = childTexts(block, "ETag");
    if (partNumber === undefined || etag === undefined || !/^\d+$/.test(partNumber)) throw malformedXml();
    const checksums: Record<string, string> = {};
    for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]) {
      const [value] = childTexts(block, `Checksum${algorithm}`);
      if (value !== undefined) checksums[algorithm] = value;
    }
    return { partNumber: Number(partNumber), etag, checksums };
  });
  if (parts.length === 0) throw malformedXml();
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.partNumber <= parts[i - 1]!.partNumber) {
      throw new S3Error(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
      );
    }
  }
  return parts;
}

function matchPart(listed: ListedPart, stored: PartRecord | undefined, isLast: boolean): PartRecord {
  const sameChecksums = Object.entries(listed.checksums).every(([a, v]) => stored?.checksums[a] === v);
  if (!stored || stored.etag.replaceAll('"', "") !== listed.etag.replaceAll('"', "") || !sameChecksums) {
    throw new S3Error(
      "InvalidPart",
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
      { UploadId: stored?.uploadId ?? "", PartNumber: listed.partNumber, ETag: listed.etag },
    );
  }
  if (!isLast && stored.size < MIN_PART_BYTES) {
    throw new S3Error(
      "EntityTooSmall",
      "Your proposed upload is smaller than the minimum allowed object size.",
      {
        ProposedSize: stored.size,
        MinSizeAllowed: MIN_PART_BYTES,
        PartNumber: listed.partNumber,
      },
    );
  }
  return stored;
}

/** S3's multipart ETag: MD5 of the concatenated binary part MD5s, then `-N`. */
export function multipartEtag(parts: readonly PartRecord[]): string {
  const md5 = createHash("md5");
  for (const part of parts) md5.update(Buffer.from(part.etag.replaceAll('"', ""), "hex"));
  return `"${md5.digest("hex")}-${parts.length}"`;
}

/** A composite checksum (checksum of the part checksums, `-N`), when the upload declared an algorithm. */
function compositeChecksums(algorithm: string | undefined, parts: readonly PartRecord[]): StoredChecksums {
  if (algorithm === undefined || !COMPOSITE_ALGORITHMS.has(algorithm)) return {};
  if (parts.some((p) => p.checksums[algorithm] === undefined)) return {};
  const checksum = createChecksum(algorithm as ChecksumAlgorithm);
  for (const part of parts) checksum.update(Buffer.from(part.checksums[algorithm]!, "base64"));
  return { [algorithm]: `${checksum.digest()}-${parts.length}` };
}

function malformedXml(): S3Error {
  return new S3Error(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );
}
