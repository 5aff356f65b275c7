import { S3Error } from "../errors.js";
import { grantsOthers } from "../http/canned-acl.js";
import {
  type BucketRequest,
  type RequestContext,
  requestHeader,
  requestHeaderNames,
} from "../http/request-context.js";
import { ownerXml, sendEmpty, sendXml } from "../http/responses.js";
import { readSmallBody } from "../http/small-body.js";
import { container, element, xmlDocument } from "../http/xml.js";
import type { StoreDeps } from "../store-deps.js";

/** Bucket configurations (`<CreateBucketConfiguration>`) are a few hundred bytes. */
const MAX_CREATE_BUCKET_BODY_BYTES = 64 * 1024;

/**
 * CreateBucket on a configured bucket: 200, as S3 answers in us-east-1 for a bucket you already own (so
 * clients that create before they upload, such as rclone, work). Buckets are configured at start, so an
 * unknown name never gets here (NoSuchBucket). An ACL beyond the owner's is refused as S3 refuses it for
 * new buckets, whose ACLs are disabled.
 */
export async function createBucket(deps: StoreDeps, ctx: BucketRequest): Promise<void> {
  const grants = requestHeaderNames(ctx).some((name) => name.startsWith("x-amz-grant-"));
  if (grantsOthers(requestHeader(ctx, "x-amz-acl")) || grants) {
    throw new S3Error(
      "InvalidBucketAclWithObjectOwnership",
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
    );
  }
  // Read (and verify, like any signed body) the optional configuration; its location is this store's.
  await readSmallBody(ctx, MAX_CREATE_BUCKET_BODY_BYTES);
  sendEmpty(ctx, 200, { location: `/${ctx.bucket.name}`, "x-amz-bucket-region": deps.region });
}

/** HeadBucket: the bucket exists and the caller may use it. */
export function headBucket(deps: StoreDeps, ctx: BucketRequest): void {
  sendEmpty(ctx, 200, { "x-amz-bucket-region": deps.region });
}

/** GetBucketLocation: S3 answers an empty constraint for us-east-1. */
export function getBucketLocation(deps: StoreDeps, ctx: BucketRequest): void {
  const constraint = deps.region === "us-east-1" ? "" : deps.region;
  sendXml(
    ctx,
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`,
  );
}

/** ListBuckets (GET /): the configured buckets (they exist from start-up). */
export function listBuckets(
  deps: StoreDeps,
  ctx: RequestContext & { auth: { accessKeyId: string } },
  startedAt: Date,
): void {
  const buckets = [...deps.buckets.keys()]
    .sort()
    .map((name) =>
      container("Bucket", element("Name", name) + element("CreationDate", startedAt.toISOString())),
    )
    .join("");
  sendXml(
    ctx,
    200,
    xmlDocument("ListAllMyBucketsResult", ownerXml(ctx.auth.accessKeyId) + container("Buckets", buckets)),
  );
}
