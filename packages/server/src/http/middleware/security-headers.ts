import { Hono, type MiddlewareHandler } from "hono";
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
 * a `Permissions-Policy` that turns off what Shoebox never uses. The values are hono's `secureHeaders`,
 * rendered once at start: they never vary per request, and building them on every answer cost about 14 µs
 * of a request's ~50 µs on the ticket hot path.
 */
export function securityHeaders(origins: WebAppOrigins): MiddlewareHandler<AppEnv> {
  let rendered: Promise<[string, string][]> | undefined;
  return async (c, next) => {
    await next();
    rendered ??= renderedSecureHeaders(origins);
    const headers = await rendered;
    const answer = c.res.headers;
    for (const [name, value] of headers) if (!answer.has(name)) answer.set(name, value);
  };
}

/** What `secureHeaders` with Shoebox's settings puts on an answer, as name/value pairs. */
async function renderedSecureHeaders(origins: WebAppOrigins): Promise<[string, string][]> {
  const probe = new Hono();
  probe.use(secureHeaderSettings(origins));
  probe.get("/", (c) => c.body(null, 204));
  const answer = await probe.request("/");
  return [...answer.headers];
}

function secureHeaderSettings(origins: WebAppOrigins): MiddlewareHandler {
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
