import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { ObjectStore } from "../../ports/object-store.js";

/**
 * The simplest `DeliveryUrls`: presigned GETs straight from the object store. Enough for the embedded host
 * and for AWS before a CDN is in front; a CloudFront signer replaces it without touching the gallery.
 */
export function objectStoreDeliveryUrls(store: Pick<ObjectStore, "presignRead">): DeliveryUrls {
  return { signedUrl: (key, expiresInSeconds) => store.presignRead(key, expiresInSeconds) };
}
