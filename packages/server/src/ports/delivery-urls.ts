/**
 * Short-lived URLs through which viewers fetch photos. Embedded: presigned GETs on the object store (or the
 * `/cdn` route); AWS: CloudFront signed URLs. The gallery never builds URLs itself.
 */
export interface DeliveryUrls {
  /** A URL that lets anyone holding it read `key` for `expiresInSeconds`. */
  signedUrl(key: string, expiresInSeconds: number): Promise<string>;
}
