import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";

/**
 * The simplest `DeliveryUrls`: presigned GETs straight from the photo bucket. Enough for the embedded host
 * and for AWS before a CDN is in front; a CloudFront signer replaces it without touching the gallery.
 */
export function photoBucketDeliveryUrls(store: Pick<PhotoBucket, "presignRead">): DeliveryUrls {
  return { signedUrl: (key, expiresInSeconds) => store.presignRead(key, expiresInSeconds) };
}
