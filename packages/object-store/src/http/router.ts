import type { Authenticated } from "../auth/index.js";
import type { BucketConfig } from "../config.js";
import { S3Error } from "../errors.js";
import { createBucket, getBucketLocation, headBucket, listBuckets } from "../operations/bucket-operations.js";
import { completeMultipartUpload } from "../operations/complete-multipart.js";
import { copyObject } from "../operations/copy-object.js";
import { deleteObject } from "../operations/delete-object.js";
import { deleteObjects } from "../operations/delete-objects.js";
import { getObject } from "../operations/get-object.js";
import { listMultipartUploads } from "../operations/list-multipart-uploads.js";
import { listObjectsV1, listObjectsV2 } from "../operations/list-objects.js";
import {
  abortMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from "../operations/multipart-upload.js";
import { postObject } from "../operations/post-object.js";
import { putObject } from "../operations/put-object.js";
import type { StoreDeps } from "../store-deps.js";
import { refuseObjectAcl } from "./canned-acl.js";
import { type ObjectRequest, type RequestContext, requestHeader } from "./request-context.js";

/**
 * Query parameters that select an S3 sub-resource or feature this store does not implement. A request
 * naming one is answered NotImplemented instead of being mistaken for a plain object or bucket request.
 */
const UNSUPPORTED_SUBRESOURCES = [
  "accelerate",
  "acl",
  "analytics",
  "attributes",
  "cors",
  "encryption",
  "intelligent-tiering",
  "inventory",
  "legal-hold",
  "lifecycle",
  "logging",
  "metrics",
  "notification",
  "object-lock",
  "ownershipControls",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "replication",
  "requestPayment",
  "restore",
  "retention",
  "select",
  "tagging",
  "torrent",
  "versionId",
  "versioning",
  "versions",
  "website",
  "renameObject",
];

function notImplemented(what: string): S3Error {
  return new S3Error("NotImplemented", `${what} is not implemented by this store.`);
}

function refuseUnsupported(ctx: RequestContext): void {
  const found = UNSUPPORTED_SUBRESOURCES.find((name) => ctx.query.has(name));
  if (found) throw notImplemented(`The ?${found} sub-resource`);
}

/** Requests on `/`: ListBuckets. */
export function routeServiceRequest(
  deps: StoreDeps,
  ctx: RequestContext & { auth: Authenticated },
  startedAt: Date,
): void {
  if (ctx.method !== "GET") throw notImplemented(`${ctx.method} /`);
  listBuckets(deps, ctx, startedAt);
}

/**
 * Requests on `/bucket`. Browser POST uploads authenticate with their form, so authentication is left to
 * `authenticate` for everything else.
 */
export async function routeBucketRequest(
  deps: StoreDeps,
  ctx: RequestContext & { bucket: BucketConfig },
  authenticate: () => Authenticated,
): Promise<void> {
  if (ctx.method === "POST" && !ctx.query.has("delete")) {
    await postObject(deps, ctx);
    return;
  }
  const auth = authenticate();
  const request = { ...ctx, auth };
  refuseUnsupported(ctx);
  switch (ctx.method) {
    case "HEAD":
      return headBucket(deps, request);
    case "GET":
      if (ctx.query.has("location")) return getBucketLocation(deps, request);
      if (ctx.query.has("uploads")) return listMultipartUploads(deps, request);
      if (ctx.query.get("list-type") === "2") return listObjectsV2(deps, request);
      return listObjectsV1(deps, request);
    case "POST":
      return deleteObjects(deps, request);
    case "PUT":
      return createBucket(deps, request);
    case "DELETE":
      throw notImplemented("DeleteBucket");
    default:
      throw new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", {
        Method: ctx.method,
        ResourceType: "BUCKET",
      });
  }
}

/** Requests on `/bucket/key`, authenticated. */
export async function routeObjectRequest(deps: StoreDeps, ctx: ObjectRequest): Promise<void> {
  refuseUnsupported(ctx);
  const q = ctx.query;
  if (ctx.method === "PUT" || ctx.method === "POST") refuseObjectAcl(ctx);
  switch (ctx.method) {
    case "PUT":
      if (q.has("uploadId") || q.has("partNumber")) return uploadPart(deps, ctx);
      return requestHeader(ctx, "x-amz-copy-source") === undefined
        ? putObject(deps, ctx)
        : copyObject(deps, ctx);
    case "GET":
      return q.has("uploadId") ? listParts(deps, ctx) : getObject(deps, ctx);
    case "HEAD":
      return getObject(deps, ctx);
    case "DELETE":
      return q.has("uploadId") ? abortMultipartUpload(deps, ctx) : deleteObject(deps, ctx);
    case "POST":
      if (q.has("uploads")) return createMultipartUpload(deps, ctx);
      if (q.has("uploadId")) return completeMultipartUpload(deps, ctx);
      throw notImplemented(`POST on an object without ?uploads or ?uploadId`);
    default:
      throw new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", {
        Method: ctx.method,
        ResourceType: "OBJECT",
      });
  }
}
