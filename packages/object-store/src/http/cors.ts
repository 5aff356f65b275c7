import type { CorsRule } from "../config.js";
import { S3Error } from "../errors.js";

export type HeaderMap = Record<string, string>;

/** Whether `value` matches `pattern`, which may contain one `*` wildcard (as S3 allows). */
function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

function findRule(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((o) => wildcardMatch(o, origin)) &&
      rule.allowedMethods.some((m) => m.toUpperCase() === method) &&
      requestHeaders.every((h) => (rule.allowedHeaders ?? []).some((p) => wildcardMatch(p.toLowerCase(), h))),
  );
}

function ruleHeaders(rule: CorsRule, origin: string): HeaderMap {
  const headers: HeaderMap = {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": rule.allowedMethods.map((m) => m.toUpperCase()).join(", "),
    "access-control-allow-credentials": "true",
  };
  if (rule.exposeHeaders?.length) headers["access-control-expose-headers"] = rule.exposeHeaders.join(", ");
  if (rule.maxAgeSeconds !== undefined) headers["access-control-max-age"] = String(rule.maxAgeSeconds);
  return headers;
}

/**
 * Answers a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) from the bucket's
 * rules as S3 does: the first rule matching origin, method and every requested header wins; its headers
 * come back with the origin echoed. Without `Origin` or the method it is no preflight: 400 BadRequest. No
 * match (or no CORS on the bucket) is 403 CORSResponse.
 */
export function answerPreflight(
  rules: readonly CorsRule[] | undefined,
  request: { origin?: string; method?: string; headers?: string },
): HeaderMap {
  if (!request.origin) {
    throw new S3Error("BadRequest", "Insufficient information. Origin request header needed.");
  }
  if (!request.method) {
    throw new S3Error("BadRequest", "Invalid Access-Control-Request-Method: null");
  }
  if (!rules?.length) throw new S3Error("CORSResponse", "CORS is not enabled for this bucket.");
  const requested = (request.headers ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
  const rule = findRule(rules, request.origin, request.method.toUpperCase(), requested);
  if (!rule) {
    throw new S3Error(
      "CORSResponse",
      "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
    );
  }
  const headers = ruleHeaders(rule, request.origin);
  if (requested.length > 0) headers["access-control-allow-headers"] = requested.join(", ");
  headers.vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
  return headers;
}

/**
 * CORS headers for an actual (non-preflight) request, also when it fails: present only when the request
 * has an `Origin` that a rule allows for its method. `Vary: Origin` whenever the bucket has CORS rules.
 */
export function corsHeadersFor(
  rules: readonly CorsRule[] | undefined,
  origin: string | undefined,
  method: string,
): HeaderMap {
  if (!rules?.length) return {};
  const vary = { vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method" };
  if (!origin) return vary;
  const rule = findRule(rules, origin, method.toUpperCase(), []);
  return rule ? { ...ruleHeaders(rule, origin), ...vary } : vary;
}
