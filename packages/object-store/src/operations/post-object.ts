import { checkPostPolicy, keyForUpload, verifyPostSignature } from "../auth/index.js";
import type { ObjectAttributes, StoredChecksums } from "../catalog/records.js";
import { type ChecksumAlgorithm, checksumAlgorithmForHeader } from "../checksums/index.js";
import type { BucketConfig } from "../config.js";
import { S3Error } from "../errors.js";
import { refuseObjectAcl } from "../http/canned-acl.js";
import { grantContinue } from "../http/expect-continue.js";
import { collectMetadata, storedContentEncoding } from "../http/object-headers.js";
import { readPostForm } from "../http/post-form.js";
import { checkChecksum } from "../http/request-body.js";
import type { RequestContext } from "../http/request-context.js";
import { sendEmpty, sendXml } from "../http/responses.js";
import { element, xmlDocument } from "../http/xml.js";
import { validateObjectKey } from "../object-key.js";
import { ingestBody } from "../storage/ingest.js";
import type { StoreDeps } from "../store-deps.js";
import { withCreateOnlyPrefixes } from "./create-only-prefixes.js";
import { checksumHeaders, commitNewObject } from "./object-writer.js";
import { MAX_SINGLE_PUT_BYTES } from "./put-object.js";

/**
 * Browser POST upload (POST /bucket, multipart/form-data): the signature and policy are checked with the
 * fields before the file, then the file is streamed to disk with the policy's content-length-range
 * enforced as it arrives; nothing is stored unless everything holds.
 */
export async function postObject(
  deps: StoreDeps,
  ctx: RequestContext & { bucket: BucketConfig },
): Promise<void> {
  // The form carries the credentials, so its body is read before anything is known about the sender.
  grantContinue(ctx);
  const form = await readPostForm(ctx.req);
  const { fields } = form;
  const { accessKeyId, policy } = verifyPostSignature(fields, deps.auth);
  const keyField = fields.get("key");
  if (keyField === undefined) {
    throw new S3Error(
      "InvalidArgument",
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      { ArgumentName: "key", ArgumentValue: "" },
    );
  }
  const key = keyForUpload(keyField, form.filename);
  validateObjectKey(key);
  const { contentLengthRange } = checkPostPolicy(policy, {
    bucket: ctx.bucket.name,
    key,
    fields,
    now: deps.now(),
  });
  refuseObjectAcl(ctx, fields.get("acl"));
  const checksumFields = [...fields.keys()]
    .map((name) => ({ name, algorithm: checksumAlgorithmForHeader(name) }))
    .filter((c): c is { name: string; algorithm: ChecksumAlgorithm } => c.algorithm !== undefined);

  const maxBytes = Math.min(contentLengthRange?.max ?? MAX_SINGLE_PUT_BYTES, MAX_SINGLE_PUT_BYTES);
  const body = await ingestBody(form.file, deps, {
    maxBytes,
    hash: { checksums: checksumFields.map((c) => c.algorithm), sha256Hex: false },
  });
  const checksums: StoredChecksums = {};
  try {
    if (contentLengthRange && body.size < contentLengthRange.min) {
      throw new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", {
        ProposedSize: body.size,
        MinSizeAllowed: contentLengthRange.min,
      });
    }
    for (const { name, algorithm } of checksumFields) {
      checkChecksum(name, algorithm, fields.get(name), body.digests);
      checksums[algorithm] = body.digests.checksums[algorithm];
    }
  } catch (error) {
    await deps.blobs.discard(body.temp);
    throw error;
  }
  const record = await commitNewObject(
    deps,
    ctx,
    {
      bucket: ctx.bucket,
      key,
      body,
      etag: `"${body.digests.md5Hex}"`,
      attributes: attributesFromFields(fields),
      checksums,
      principalId: accessKeyId,
    },
    // A POST policy cannot carry If-None-Match: only the bucket's create-only prefixes make it create-only.
    withCreateOnlyPrefixes(ctx.bucket, key, {}),
    "ObjectCreated:Post",
  );
  respond(ctx, fields, record.key, record.etag, checksumHeaders(record.checksums));
}

function attributesFromFields(fields: ReadonlyMap<string, string>): ObjectAttributes {
  const attributes: ObjectAttributes = {
    metadata: collectMetadata(fields.entries()),
    contentType: fields.get("content-type") ?? "binary/octet-stream",
  };
  const cacheControl = fields.get("cache-control");
  if (cacheControl !== undefined) attributes.cacheControl = cacheControl;
  const disposition = fields.get("content-disposition");
  if (disposition !== undefined) attributes.contentDisposition = disposition;
  const language = fields.get("content-language");
  if (language !== undefined) attributes.contentLanguage = language;
  const expires = fields.get("expires");
  if (expires !== undefined) attributes.expires = expires;
  const encoding = storedContentEncoding(fields.get("content-encoding"));
  if (encoding !== undefined) attributes.contentEncoding = encoding;
  return attributes;
}

/** success_action_redirect (303), success_action_status 200/201 (201 with PostResponse XML), else 204. */
function respond(
  ctx: RequestContext & { bucket: BucketConfig },
  fields: ReadonlyMap<string, string>,
  key: string,
  etag: string,
  extraHeaders: Record<string, string>,
): void {
  const location = `http://${ctx.req.headers.host ?? "localhost"}/${encodeURIComponent(ctx.bucket.name)}/${key
    .split("/")
    .map(encodeURIComponent)
    .join("/")}`;
  const headers = { etag, location, ...extraHeaders };
  const redirect = fields.get("success_action_redirect") ?? fields.get("redirect");
  if (redirect !== undefined && URL.canParse(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set("bucket", ctx.bucket.name);
    target.searchParams.set("key", key);
    target.searchParams.set("etag", etag);
    sendEmpty(ctx, 303, { ...headers, location: target.toString() });
    return;
  }
  const status = fields.get("success_action_status");
  if (status === "201") {
    for (const [name, value] of Object.entries(headers)) ctx.res.setHeader(name, value);
    sendXml(
      ctx,
      201,
      xmlDocument(
        "PostResponse",
        element("Location", location) +
          element("Bucket", ctx.bucket.name) +
          element("Key", key) +
          element("ETag", etag),
        false,
      ),
    );
    return;
  }
  sendEmpty(ctx, status === "200" ? 200 : 204, headers);
}
