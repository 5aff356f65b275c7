import { Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { objectsUnder, photoKeys } from "../access/photo-keys.js";

export interface PhotoBucketsProps {
  /** Where ObjectCreated events under `uploads/` go. */
  uploadEvents: sqs.IQueue;
  /** Origins allowed to upload from a browser (S3 CORS). */
  webOrigins: readonly string[];
  /** Originals older than this move to Infrequent Access. */
  infrequentAccessAfter?: Duration;
  /** Overwritten or deleted versions are kept this long, then expire. */
  noncurrentVersionExpiration?: Duration;
}

/**
 * The private photo bucket. Originals arrive under `uploads/` (presigned POST/PUT straight from browsers),
 * the pipeline writes metadata-free variants under `variants/`; the server addresses one bucket and tells
 * the two apart by prefix, so the CDN, lifecycle rules and IAM grants do too. Only `variants/` is readable
 * by CloudFront; originals reach nobody but their owner, through presigned GETs.
 */
export class PhotoBuckets extends Construct {
  readonly photos: s3.Bucket;

  constructor(scope: Construct, id: string, props: PhotoBucketsProps) {
    super(scope, id);
    this.photos = new s3.Bucket(this, "Photos", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedOrigins: [...props.webOrigins],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag"],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: "abort-incomplete-multipart-uploads", abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: "expire-noncurrent-versions",
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          expiredObjectDeleteMarker: true,
        },
        {
          // Variants are what galleries show, so they stay in Standard; originals are rarely read again.
          id: "originals-to-infrequent-access",
          prefix: photoKeys.uploads,
          transitions: [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: props.infrequentAccessAfter ?? Duration.days(90),
            },
          ],
        },
      ],
    });
    this.photos.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(props.uploadEvents),
      { prefix: photoKeys.uploads },
    );
    this.allowCdnToReadVariants();
  }

  /**
   * Lets CloudFront (Origin Access Control) read `variants/*` and nothing else. The distribution lives in a
   * later stack, so the condition names this account's distributions rather than one id: naming it would
   * make this stack depend on the one that depends on it. CDK makes the same trade for OAC key policies.
   */
  private allowCdnToReadVariants(): void {
    this.photos.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudFrontReadsVariantsOnly",
        principals: [new iam.ServicePrincipal("cloudfront.amazonaws.com")],
        actions: ["s3:GetObject"],
        resources: [objectsUnder(this.photos.bucketArn, photoKeys.variants)],
        conditions: {
          StringEquals: { "AWS:SourceAccount": Aws.ACCOUNT_ID },
          ArnLike: { "AWS:SourceArn": `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*` },
        },
      }),
    );
  }
}
