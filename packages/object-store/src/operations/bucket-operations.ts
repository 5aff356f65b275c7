import type { BucketRequest, RequestContext } from "../http/request-context.js";
import { ownerXml, sendEmpty, sendXml } from "../http/responses.js";
import { container, element, xmlDocument } from "../http/xml.js";
import type { StoreDeps } from "../store-deps.js";

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
