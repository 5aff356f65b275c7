import { S3Error } from "../errors.js";
import { headerValue } from "./canonical-request.js";
import type { ChunkContext, PayloadExpectation, RequestToAuthenticate } from "./types.js";

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
const STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
const STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
const SIGV4A_STREAMING = /^STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD(-TRAILER)?$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Refuses an `x-amz-content-sha256` value S3 does not know. */
export function checkContentSha256(value: string): void {
  if (SIGV4A_STREAMING.test(value)) {
    throw new S3Error(
      "NotImplemented",
      "SigV4a (ECDSA) streaming signatures are not supported by this store.",
    );
  }
  const known = [UNSIGNED_PAYLOAD, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER];
  if (!known.includes(value) && !SHA256_HEX.test(value)) {
    throw new S3Error(
      "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
      { ArgumentName: "x-amz-content-sha256", ArgumentValue: value },
    );
  }
}

function decodedContentLength(req: RequestToAuthenticate): number | undefined {
  const raw = headerValue(req.headers, "x-amz-decoded-content-length");
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw.trim())) {
    throw new S3Error("InvalidArgument", "x-amz-decoded-content-length must be a non-negative integer.", {
      ArgumentName: "x-amz-decoded-content-length",
      ArgumentValue: raw,
    });
  }
  return Number(raw.trim());
}

function declaredTrailers(req: RequestToAuthenticate): string[] {
  const raw = headerValue(req.headers, "x-amz-trailer") ?? "";
  return raw
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
}

function isAwsChunkedEncoding(req: RequestToAuthenticate): boolean {
  const encodings = (headerValue(req.headers, "content-encoding") ?? "").split(",");
  return encodings.some((encoding) => encoding.trim().toLowerCase() === "aws-chunked");
}

/**
 * What the body of a header-authenticated request must satisfy, from its (already checked)
 * `x-amz-content-sha256` value. Streaming values mean an aws-chunked body, whatever Content-Encoding says.
 */
export function payloadExpectationFor(
  req: RequestToAuthenticate,
  contentSha256: string,
  chunkContext: Omit<ChunkContext, "declaredTrailers">,
): PayloadExpectation {
  const chunked = (signed: boolean, trailer: boolean): PayloadExpectation => {
    const decodedLength = decodedContentLength(req);
    const context: ChunkContext = { ...chunkContext, declaredTrailers: trailer ? declaredTrailers(req) : [] };
    return decodedLength === undefined
      ? { kind: "aws-chunked", signed, trailer, context }
      : { kind: "aws-chunked", signed, trailer, decodedLength, context };
  };
  switch (contentSha256) {
    case STREAMING_SIGNED:
      return chunked(true, false);
    case STREAMING_SIGNED_TRAILER:
      return chunked(true, true);
    case STREAMING_UNSIGNED_TRAILER:
      return chunked(false, true);
    case UNSIGNED_PAYLOAD:
      // Content-Encoding: aws-chunked without a streaming hash: framed, but neither signed nor trailed.
      return isAwsChunkedEncoding(req) ? chunked(false, false) : { kind: "unsigned" };
    default:
      return { kind: "sha256", hex: contentSha256.toLowerCase() };
  }
}
