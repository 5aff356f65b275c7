import { S3Error } from "../errors.js";
import { closeAfterResponseLingering, drainUnreadBody, hasUnreadBody } from "./refused-body.js";
import type { RequestContext } from "./request-context.js";
import { container, element, xmlDocument } from "./xml.js";

/** Sends an XML document with `status`. */
export function sendXml(ctx: RequestContext, status: number, xml: string): void {
  const body = Buffer.from(xml, "utf8");
  ctx.res.writeHead(status, { "content-type": "application/xml", "content-length": body.length });
  ctx.res.end(ctx.method === "HEAD" ? undefined : body);
}

/** Sends a response without a body. */
export function sendEmpty(ctx: RequestContext, status: number, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { ...headers, "content-length": 0 });
  ctx.res.end();
}

/** Turns anything thrown while handling a request into the S3Error the client sees. */
export function toS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  return new S3Error(
    "InternalError",
    "We encountered an internal error. Please try again.",
    {},
    { cause: error },
  );
}

/**
 * Sends an S3 error document (`<Error><Code/><Message/>…<Resource/><RequestId/></Error>`); HEAD and 304
 * answers carry no body. A client still sending its body is never reset: the rest of the body is read
 * first (up to a bound, then the answer is followed by a lingering close), so it reads the error.
 */
export function sendError(ctx: RequestContext, error: S3Error): void {
  const { res } = ctx;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (hasUnreadBody(ctx)) {
    void drainUnreadBody(ctx).then((ended) => {
      // A drained connection is closed too: with undici, a connection reused after a drained refusal was
      // seen to stall the next request until the keep-alive timeout; a new connection costs little.
      if (ended) res.setHeader("connection", "close");
      else closeAfterResponseLingering(ctx);
      writeError(ctx, error);
    });
    return;
  }
  writeError(ctx, error);
}

function writeError(ctx: RequestContext, error: S3Error): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const details = Object.entries(error.details)
    .map(([name, value]) => element(name, value))
    .join("");
  const xml = xmlDocument(
    "Error",
    element("Code", error.code) +
      element("Message", error.message) +
      details +
      element("Resource", ctx.rawPath) +
      element("RequestId", ctx.requestId) +
      element("HostId", ctx.hostId),
    false,
  );
  if (error.status === 304 || ctx.method === "HEAD") {
    res.writeHead(error.status, error.status === 304 ? {} : { "content-type": "application/xml" });
    res.end();
    return;
  }
  const body = Buffer.from(xml, "utf8");
  res.writeHead(error.status, { "content-type": "application/xml", "content-length": body.length });
  res.end(body);
}

/** `<Owner>` as S3 lists it: this store has one owner per access key. */
export function ownerXml(accessKeyId: string): string {
  return container("Owner", element("ID", accessKeyId) + element("DisplayName", accessKeyId));
}
