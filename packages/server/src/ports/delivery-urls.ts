/**
 * Short-lived URLs through which viewers fetch photo variants. Embedded: CloudFront-style signed URLs that
 * the host's own `/cdn` route verifies; AWS: CloudFront signed URLs. The services never build URLs themselves.
 */
export interface DeliveryUrls {
  /** A URL that lets anyone holding it read `key` for at least `expiresInSeconds`. */
  signedUrl(key: string, expiresInSeconds: number, options?: DeliveryUrlOptions): Promise<string>;
}

export interface DeliveryUrlOptions {
  /** Ask the CDN to answer with `Content-Disposition: attachment` (a "download" link). Part of what is signed. */
  download?: boolean;
}
