import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authenticated } from "../auth/index.js";
import type { BucketConfig } from "../config.js";

/** One request as the operations see it: parsed once by the handler. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  hostId: string;
  method: string;
  /** As on the request line, percent-encoded, without the query. */
  rawPath: string;
  /** Without "?". */
  rawQuery: string;
  query: URLSearchParams;
  bucket?: BucketConfig;
  /** Decoded object key; `undefined` for bucket-level requests. */
  key?: string;
  sourceIp: string;
  receivedAt: Date;
  /** Set once the request's signature verified. */
  auth?: Authenticated;
  /**
   * The client sent `Expect: 100-continue` and has not been told to continue yet (see `grantContinue`):
   * it holds its body back until then.
   */
  awaitingContinue?: boolean;
}

/** The context of a request on an object of a configured bucket, authenticated. */
export interface ObjectRequest extends RequestContext {
  bucket: BucketConfig;
  key: string;
  auth: Authenticated;
}

/** The context of an authenticated request on a configured bucket itself. */
export interface BucketRequest extends RequestContext {
  bucket: BucketConfig;
  auth: Authenticated;
}

/**
 * A request header, lower-case name. For presigned URLs the `x-amz-*` values the presigner hoisted into
 * the query string (metadata, checksums …) count as headers too, as on S3; a real header wins.
 */
export function requestHeader(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  if (value !== undefined) return Array.isArray(value) ? value.join(",") : value;
  if (ctx.auth?.via === "presigned" && name.startsWith("x-amz-")) {
    for (const [queryName, queryValue] of ctx.query) {
      if (queryName.toLowerCase() === name) return queryValue;
    }
  }
  return undefined;
}

/** Every (lower-case) header name of the request, plus hoisted `x-amz-*` query names of presigned URLs. */
export function requestHeaderNames(ctx: RequestContext): string[] {
  const names = new Set(Object.keys(ctx.req.headers));
  if (ctx.auth?.via === "presigned") {
    for (const queryName of ctx.query.keys()) {
      const lower = queryName.toLowerCase();
      if (lower.startsWith("x-amz-") && !lower.startsWith("x-amz-signature") && !isSigV4QueryParam(lower)) {
        names.add(lower);
      }
    }
  }
  return [...names];
}

function isSigV4QueryParam(name: string): boolean {
  return [
    "x-amz-algorithm",
    "x-amz-credential",
    "x-amz-date",
    "x-amz-expires",
    "x-amz-signedheaders",
    "x-amz-security-token",
  ].includes(name);
}
