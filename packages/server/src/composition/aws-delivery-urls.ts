import { createPrivateKey } from "node:crypto";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { CloudFrontDeliveryUrls } from "../adapters/cloudfront/cloudfront-delivery-urls.js";
import { photoBucketDeliveryUrls } from "../adapters/s3/photo-bucket-delivery-urls.js";
import { cachedSecureParameter } from "../adapters/ssm/secure-parameter.js";
import type { CdnConfig } from "../config/load-config.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { PhotoBucket } from "../ports/photo-bucket.js";

/**
 * The AWS host's delivery URLs: CloudFront signed URLs when a distribution is configured, signed with the
 * key group's private key from SSM; presigned S3 GETs otherwise (a stack deployed without the CDN).
 */
export function awsDeliveryUrls(
  cdn: CdnConfig | undefined,
  deps: { ssm: SSMClient; photoBucket: Pick<PhotoBucket, "presignRead">; clock: Clock },
): DeliveryUrls {
  if (cdn === undefined) return photoBucketDeliveryUrls(deps.photoBucket);
  const privateKeyPem = cachedSecureParameter(deps.ssm, cdn.privateKeyParameter);
  return lazyDeliveryUrls(
    async () =>
      new CloudFrontDeliveryUrls({
        // The distribution serves the variants under /cdn/*, as the embedded host's /cdn route does.
        baseUrl: `${cdn.url}/cdn`,
        keyPairId: cdn.keyPairId,
        // Parsed once: a PEM string would be parsed again for every URL signed.
        privateKey: createPrivateKey(await privateKeyPem()),
        clock: deps.clock,
      }),
  );
}

/**
 * Builds the real `DeliveryUrls` on the first URL asked for and keeps it: the private key is fetched once
 * per cold start, and not at all by a function that never signs. A failed build is retried next time.
 */
export function lazyDeliveryUrls(create: () => Promise<DeliveryUrls>): DeliveryUrls {
  let urls: Promise<DeliveryUrls> | undefined;
  const current = () => {
    urls ??= create().catch((error: unknown) => {
      urls = undefined;
      throw error;
    });
    return urls;
  };
  return {
    signedUrl: async (key, expiresInSeconds, options) =>
      (await current()).signedUrl(key, expiresInSeconds, options),
  };
}
