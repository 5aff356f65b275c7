import { Annotations, Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { CdnFunctions } from "./cdn-functions.js";
import { WebSecurityHeaders } from "./web-security-headers.js";

export interface DeliveryProps {
  /** The photo bucket; CloudFront reads only its `variants/` (the bucket's own policy says so). */
  photoBucket: s3.IBucket;
  /** Host name of the HTTP API (`{id}.execute-api.{region}.amazonaws.com`). */
  apiDomainName: string;
  /** PEM of the key pair whose private key signs `/cdn/*` URLs. */
  publicKeyPem: string;
}

/**
 * One CloudFront distribution in front of everything: the web client (default behaviour, from its own
 * private bucket), `/api/*` and `/s/*` (the HTTP API, never cached), and `/cdn/*` (photo variants, signed
 * URLs only: a trusted key group). Both S3 origins use Origin Access Control; no bucket is public. The web
 * client and the API answer with the security headers of `WebSecurityHeaders`.
 */
export class Delivery extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly webBucket: s3.Bucket;
  readonly publicKey: cloudfront.PublicKey;
  readonly keyGroup: cloudfront.KeyGroup;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    this.webBucket = new s3.Bucket(this, "WebClient", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Rebuilt from the repository on every deploy: nothing here is worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.publicKey = new cloudfront.PublicKey(this, "SignerPublicKey", {
      encodedKey: props.publicKeyPem,
      comment: "Verifies Shoebox's signed delivery URLs",
    });
    this.keyGroup = new cloudfront.KeyGroup(this, "Signers", { items: [this.publicKey] });
    const functions = new CdnFunctions(this, "Functions");
    const { policy: securityHeaders } = new WebSecurityHeaders(this, "SecurityHeaders", {
      photoBucketDomainName: props.photoBucket.bucketRegionalDomainName,
    });

    const api: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(props.apiDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // With caching disabled this also forwards Authorization; Host must be the API's own.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
    };
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "Shoebox",
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.webBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: functions.singlePageApp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        "/api/*": api,
        "/s/*": api,
        "/cdn/*": {
          origin: this.variantsOrigin(props.photoBucket),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          trustedKeyGroups: [this.keyGroup],
          cachePolicy: this.variantsCachePolicy(),
          functionAssociations: [
            { function: functions.stripCdnPrefix, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
      },
    });
  }

  /** `https://{distribution}/cdn`: the base of every signed delivery URL the server makes. */
  get cdnUrl(): string {
    return `https://${this.distribution.distributionDomainName}/cdn`;
  }

  /**
   * The photo bucket as an OAC origin. It is imported by name so CDK does not try to add the usual
   * "whole bucket" statement to it: the bucket's own stack already grants CloudFront `variants/*` only.
   */
  private variantsOrigin(photoBucket: s3.IBucket): cloudfront.IOrigin {
    const bucket = s3.Bucket.fromBucketAttributes(this, "PhotoBucket", {
      bucketArn: photoBucket.bucketArn,
      bucketName: photoBucket.bucketName,
      bucketRegionalDomainName: photoBucket.bucketRegionalDomainName,
    });
    Annotations.of(this).acknowledgeWarning(
      "@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac",
      "PhotoBuckets grants CloudFront s3:GetObject on variants/* in the bucket's own policy",
    );
    return origins.S3BucketOrigin.withOriginAccessControl(bucket);
  }

  /**
   * Variants never change under a key, so they cache long; the signature query strings are left out of
   * the cache key, else every signed URL would be a miss.
   */
  private variantsCachePolicy(): cloudfront.CachePolicy {
    return new cloudfront.CachePolicy(this, "VariantsCache", {
      comment: "Shoebox variants: immutable, signed URLs share one cache entry",
      defaultTtl: Duration.days(1),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: false,
      enableAcceptEncodingBrotli: false,
    });
  }
}
