import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../app-env.js";

export interface WebAppOrigins {
  /**
   * Origins the browser talks to besides the app's own: the S3 endpoint it uploads to with presigned POST
   * or PUT (`connect-src`, `form-action`) and whose presigned URLs show originals (`img-src`).
   */
  uploadOrigins: readonly string[];
}

/**
 * The Content-Security-Policy of the web client: scripts and styles only from the app's own files (no
 * inline script or style element may run), images from the app (signed `/cdn` URLs are same-origin),
 * `data:` (BlurHash placeholders, the favicon) and the store, requests to the app and the store, no plugins,
 * no `<base>`, never framed. The CloudFront response headers policy in `packages/infra` sends the same.
 *
 * @example webClientCsp({ uploadOrigins: ["http://127.0.0.1:9000"] })
 */
export function webClientCspDirectives(origins: WebAppOrigins) {
  const store = [...origins.uploadOrigins];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:", "blob:", ...store],
    connectSrc: ["'self'", ...store],
    fontSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'", ...store],
    frameAncestors: ["'none'"],
  };
}

/**
 * Security headers on every answer of the app that does not set its own (the share pages set a stricter
 * CSP naming their image origins): the web client's CSP, `X-Frame-Options: DENY`, `Referrer-Policy:
 * no-referrer` (share and guest links carry their token in the URL), `X-Content-Type-Options: nosniff` and
 * a `Permissions-Policy` that turns off what Shoebox never uses. Built on hono's `secureHeaders`.
 */
export function securityHeaders(origins: WebAppOrigins): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    overwrite: false,
    contentSecurityPolicy: webClientCspDirectives(origins),
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    xContentTypeOptions: "nosniff",
    // Cross-origin API callers (configured CORS origins) and the store's own pages stay possible.
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: "same-origin",
    // Meaningful only over HTTPS; the embedded host usually runs plain HTTP on a LAN.
    strictTransportSecurity: false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      browsingTopics: [],
    },
  });
}
