import type { IncomingMessage, ServerResponse } from "node:http";
import type { RunningObjectStore } from "@shoebox/object-store";
import { loadOrCreateCdnKeyPair } from "../adapters/cloudfront/cdn-key-store.js";
import { CDN_PATH_PREFIX, createCdnRequestHandler } from "../adapters/cloudfront/cdn-request-handler.js";
import { CloudFrontDeliveryUrls } from "../adapters/cloudfront/cloudfront-delivery-urls.js";
import { SignedUrlVerifier } from "../adapters/cloudfront/signed-url-verifier.js";
import type { Clock } from "../ports/clock.js";

export interface EmbeddedCdn {
  deliveryUrls: CloudFrontDeliveryUrls;
  /** Serves `/cdn/*` and returns true, or returns false for any other path (the app's). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * The embedded host's CDN: CloudFront-style signed URLs under `{url}/cdn/`, signed with the key pair kept
 * in `<dataDir>/cdn/`, and the route that verifies them and streams variants from the store in-process.
 */
export async function createEmbeddedCdn(options: {
  dataDir: string;
  /** The public URL of the web app and API; the CDN lives under its `/cdn/`. */
  url: string;
  clock: Clock;
  store: RunningObjectStore;
  bucket: string;
}): Promise<EmbeddedCdn> {
  const keys = await loadOrCreateCdnKeyPair(options.dataDir);
  const baseUrl = `${options.url}${CDN_PATH_PREFIX.slice(0, -1)}`;
  const handler = createCdnRequestHandler({
    verifier: new SignedUrlVerifier({
      baseUrl,
      publicKeys: new Map([[keys.keyPairId, keys.publicKey]]),
      clock: options.clock,
    }),
    objects: (key, range) => options.store.openObject(options.bucket, key, range),
    clock: options.clock,
  });
  return {
    deliveryUrls: new CloudFrontDeliveryUrls({
      baseUrl,
      keyPairId: keys.keyPairId,
      privateKey: keys.privateKey,
      clock: options.clock,
    }),
    handle(req, res) {
      if (!req.url?.startsWith(CDN_PATH_PREFIX)) return false;
      void handler(req, res);
      return true;
    },
  };
}
