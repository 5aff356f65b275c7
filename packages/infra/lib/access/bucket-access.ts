import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { objectsUnder } from "./photo-keys.js";

/** The S3 object actions a function may be given; each named exactly (bucket grants use `s3:GetObject*`). */
export type ObjectAction = "s3:GetObject" | "s3:PutObject" | "s3:DeleteObject" | "s3:DeleteObjectVersion";

/**
 * Allows `actions` on the objects under each prefix, and nothing else. `bucket.grantPut` and friends add
 * wildcard actions (`s3:Abort*`, `s3:GetObject*`, `s3:List*`), which this app does not allow anywhere.
 */
export function allowObjectActions(
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  actions: readonly ObjectAction[],
  prefixes: readonly string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...actions],
      resources: prefixes.map((prefix) => objectsUnder(bucket.bucketArn, prefix)),
    }),
  );
}

/**
 * `s3:ListBucket` on the bucket. Without it S3 answers a HEAD of a missing key with 403 instead of 404, and
 * the object store could not tell "gone" from "forbidden" (the reconciler's whole question). It is not
 * narrowed by an `s3:prefix` condition because a HEAD request carries no prefix, so such a grant would never
 * apply; it reveals key names (random ids), never contents.
 */
export function allowHeadOfMissingKeys(grantee: iam.IGrantable, bucket: s3.IBucket): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
  );
}
