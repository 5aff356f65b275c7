import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateRequest } from "../auth/index.js";
import { S3Error } from "../errors.js";
import { decodePathPart, validateObjectKey } from "../object-key.js";
import type { StoreDeps } from "../store-deps.js";
import { answerPreflight, corsHeadersFor } from "./cors.js";
import type { RequestContext } from "./request-context.js";
import { sendError, toS3Error } from "./responses.js";
import { routeBucketRequest, routeObjectRequest, routeServiceRequest } from "./router.js";

/** A node:http request listener. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The handler, plus its listener for the server's `checkContinue` event. */
export type ObjectStoreHandler = RequestHandler & {
  /**
   * For `server.on("checkContinue", …)`: the request is handled as any other, and `100 Continue` is sent
   * only when its body is about to be read, after authentication.
   */
  checkContinue: RequestHandler;
};

/**
 * The store's HTTP handler: path-style S3 REST (`/bucket/key`). Every response carries
 * `x-amz-request-id`; every refusal is an S3 XML error. Usable on its own with `http.createServer`
 * (register `handler.checkContinue` for `checkContinue` too, or Node answers `Expect: 100-continue` itself).
 */
export function createObjectStoreHandler(deps: StoreDeps): ObjectStoreHandler {
  const startedAt = deps.now();
  const handler = (req: IncomingMessage, res: ServerResponse, awaitingContinue: boolean) => {
    const ctx = baseContext(deps, req, res);
    ctx.awaitingContinue = awaitingContinue;
    res.setHeader("x-amz-request-id", ctx.requestId);
    res.setHeader("x-amz-id-2", ctx.hostId);
    res.setHeader("server", "ShoeboxS3");
    handle(deps, ctx, startedAt).catch((error: unknown) => {
      const s3Error = toS3Error(error);
      if (s3Error.code === "InternalError") deps.logError(error, `${ctx.method} ${ctx.rawPath}`);
      sendError(ctx, s3Error);
    });
  };
  return Object.assign((req: IncomingMessage, res: ServerResponse) => handler(req, res, false), {
    checkContinue: (req: IncomingMessage, res: ServerResponse) => handler(req, res, true),
  });
}

function baseContext(deps: StoreDeps, req: IncomingMessage, res: ServerResponse): RequestContext {
  let target = req.url ?? "/";
  // Absolute-form request targets (proxies) carry the origin; S3 paths start at the first "/" after it.
  if (!target.startsWith("/")) target = target.replace(/^[a-z]+:\/\/[^/]*/i, "") || "/";
  const queryAt = target.indexOf("?");
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : target.slice(queryAt + 1);
  return {
    req,
    res,
    requestId: randomBytes(8).toString("hex").toUpperCase(),
    hostId: randomBytes(24).toString("base64"),
    method: (req.method ?? "GET").toUpperCase(),
    rawPath,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
    receivedAt: deps.now(),
  };
}

async function handle(deps: StoreDeps, ctx: RequestContext, startedAt: Date): Promise<void> {
  const path = ctx.rawPath.slice(1);
  if (path === "") {
    ctx.auth = authenticateRequest(authInput(ctx), deps.auth);
    routeServiceRequest(deps, { ...ctx, auth: ctx.auth }, startedAt);
    return;
  }
  const slash = path.indexOf("/");
  const bucketName = decodePathPart(slash < 0 ? path : path.slice(0, slash));
  const rawKey = slash < 0 ? "" : path.slice(slash + 1);
  const bucket = deps.buckets.get(bucketName);
  if (!bucket) {
    throw new S3Error("NoSuchBucket", "The specified bucket does not exist", { BucketName: bucketName });
  }
  ctx.bucket = bucket;
  const origin = headerOf(ctx, "origin");

  if (ctx.method === "OPTIONS") {
    const headers = answerPreflight(bucket.cors, {
      origin,
      method: headerOf(ctx, "access-control-request-method"),
      headers: headerOf(ctx, "access-control-request-headers"),
    });
    ctx.res.writeHead(200, { ...headers, "content-length": 0 });
    ctx.res.end();
    return;
  }
  for (const [name, value] of Object.entries(corsHeadersFor(bucket.cors, origin, ctx.method))) {
    ctx.res.setHeader(name, value);
  }

  if (rawKey === "") {
    await routeBucketRequest(deps, { ...ctx, bucket }, () => authenticateRequest(authInput(ctx), deps.auth));
    return;
  }
  const key = decodePathPart(rawKey);
  validateObjectKey(key);
  ctx.key = key;
  ctx.auth = authenticateRequest(authInput(ctx), deps.auth);
  await routeObjectRequest(deps, { ...ctx, bucket, key, auth: ctx.auth });
}

function authInput(ctx: RequestContext) {
  return { method: ctx.method, rawPath: ctx.rawPath, rawQuery: ctx.rawQuery, headers: ctx.req.headers };
}

function headerOf(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
