import { checksumAlgorithmForHeader } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import { type BucketRequest, requestHeaderNames } from "../http/request-context.js";
import { sendXml, toS3Error } from "../http/responses.js";
import { readSmallBody } from "../http/small-body.js";
import { container, element, xmlDocument } from "../http/xml.js";
import { childElements, parseXmlDocument, type XmlElement, XmlSyntaxError } from "../http/xml-reader.js";
import { validateObjectKey } from "../object-key.js";
import type { StoreDeps } from "../store-deps.js";
import { removeObject } from "./delete-object.js";
import { removeAfterResponse } from "./object-writer.js";

/** S3's limit of keys per DeleteObjects request. */
export const MAX_DELETE_KEYS = 1000;
/**
 * The request document's cap: 1,000 keys of the maximum 1,024 bytes take ~1.1 MB; the rest is room for
 * keys whose characters the client escapes (`&amp;` is five bytes for one).
 */
export const MAX_DELETE_BODY_BYTES = 4 * 1024 * 1024;

/** Elements of an `<Object>` this store recognises but cannot honour (versions, conditional deletes). */
const UNSUPPORTED_OBJECT_FIELDS = ["VersionId", "ETag", "LastModifiedTime", "Size"];

interface DeleteRequest {
  quiet: boolean;
  entries: { key: string; unsupportedField?: string }[];
}

/**
 * DeleteObjects (POST /bucket?delete): removes up to 1,000 keys, each through the same removal as
 * DeleteObject (its own transaction journaling its ObjectRemoved:Delete events). A missing key counts as
 * deleted, as on S3; a key that cannot be deleted is reported in an `<Error>` entry and the others proceed.
 * The document must carry Content-MD5 or an `x-amz-checksum-*` (as S3 requires), which is verified with the
 * body like any other.
 */
export async function deleteObjects(deps: StoreDeps, ctx: BucketRequest): Promise<void> {
  requireIntegrityDigest(ctx);
  const request = parseDeleteRequest(await readSmallBody(ctx, MAX_DELETE_BODY_BYTES));
  const results: string[] = [];
  const removedBlobIds: string[] = [];
  for (const { key, unsupportedField } of request.entries) {
    try {
      if (unsupportedField !== undefined) {
        throw new S3Error(
          "NotImplemented",
          `${unsupportedField} in DeleteObjects is not implemented by this store.`,
        );
      }
      validateObjectKey(key);
      const blobId = removeObject(deps, ctx, key);
      if (blobId !== undefined) removedBlobIds.push(blobId);
      if (!request.quiet) results.push(container("Deleted", element("Key", key)));
    } catch (error) {
      const s3Error = toS3Error(error);
      if (s3Error.code === "InternalError") deps.logError(error, `DeleteObjects ${ctx.bucket.name} ${key}`);
      results.push(
        container(
          "Error",
          element("Key", key) + element("Code", s3Error.code) + element("Message", s3Error.message),
        ),
      );
    }
  }
  if (removedBlobIds.length > 0) removeAfterResponse(deps, ctx, removedBlobIds);
  sendXml(ctx, 200, xmlDocument("DeleteResult", results.join("")));
}

/**
 * S3 refuses a DeleteObjects request that carries neither Content-MD5 nor an additional checksum (header,
 * or trailer of an aws-chunked body): a corrupted list would delete the wrong objects.
 */
function requireIntegrityDigest(ctx: BucketRequest): void {
  const inHeaders = requestHeaderNames(ctx).some(
    (name) => name === "content-md5" || checksumAlgorithmForHeader(name) !== undefined,
  );
  const payload = ctx.auth.payload;
  const inTrailer =
    payload.kind === "aws-chunked" &&
    payload.trailer &&
    payload.context.declaredTrailers.some((name) => checksumAlgorithmForHeader(name) !== undefined);
  if (!inHeaders && !inTrailer) {
    throw new S3Error(
      "InvalidRequest",
      "Missing required header for this request: Content-MD5 OR x-amz-checksum-*",
    );
  }
}

function parseDeleteRequest(body: Buffer): DeleteRequest {
  let root: XmlElement;
  try {
    root = parseXmlDocument(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    if (error instanceof XmlSyntaxError || error instanceof TypeError) throw malformedXml(error);
    throw error;
  }
  if (root.name !== "Delete") throw malformedXml();
  const objects: XmlElement[] = [];
  let quiet = false;
  for (const child of root.children) {
    if (child.name === "Object") objects.push(child);
    else if (child.name === "Quiet") quiet = parseBoolean(child.text);
    else throw malformedXml();
  }
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw malformedXml();
  return { quiet, entries: objects.map(parseObjectEntry) };
}

function parseObjectEntry(object: XmlElement): DeleteRequest["entries"][number] {
  const keys = childElements(object, "Key");
  if (keys.length !== 1) throw malformedXml();
  const known = new Set(["Key", ...UNSUPPORTED_OBJECT_FIELDS]);
  if (object.children.some((child) => !known.has(child.name))) throw malformedXml();
  // Keys are taken exactly as sent: S3 keys may begin or end with spaces.
  const key = keys[0]!.text;
  const unsupportedField = UNSUPPORTED_OBJECT_FIELDS.find((name) => childElements(object, name).length > 0);
  return unsupportedField === undefined ? { key } : { key, unsupportedField };
}

function parseBoolean(text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value !== "true" && value !== "false") throw malformedXml();
  return value === "true";
}

function malformedXml(cause?: unknown): S3Error {
  return new S3Error(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
    {},
    { cause },
  );
}
