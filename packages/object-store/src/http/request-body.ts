import { finished, type Readable } from "node:stream";
import { createAwsChunkedDecoder } from "../auth/index.js";
import type { StoredChecksums } from "../catalog/records.js";
import { type ChecksumAlgorithm, checksumAlgorithmForHeader } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import type { HashRequest } from "../storage/hash-pool.js";
import type { BodyDigests } from "../storage/hash-protocol.js";
import { grantContinue } from "./expect-continue.js";
import { type BucketRequest, requestHeader, requestHeaderNames } from "./request-context.js";

/** How to read one request body and what it must prove once read. */
export interface BodyPlan {
  /** The decoded object bytes (aws-chunked framing removed). */
  source: Readable;
  hash: HashRequest;
  /**
   * Checks the body against everything the request declared (x-amz-content-sha256, Content-MD5,
   * x-amz-checksum-* headers or trailers, decoded length) and returns the checksums to store.
   */
  verify(size: number, digests: BodyDigests): Promise<StoredChecksums>;
}

/**
 * Plans reading an authenticated request's body (an object's, or a bucket-level document such as
 * DeleteObjects'). `alsoCompute` adds a checksum the object must carry even when the client sent none (a
 * multipart upload's declared algorithm). `checksumHeadersDescribeObject`: the request's `x-amz-checksum-*`
 * headers are about the object it makes, not about this body (CompleteMultipartUpload).
 */
export function planBody(
  ctx: BucketRequest,
  alsoCompute?: ChecksumAlgorithm,
  options: { checksumHeadersDescribeObject?: boolean } = {},
): BodyPlan {
  const payload = ctx.auth.payload;
  const headerNames = options.checksumHeadersDescribeObject ? [] : requestHeaderNames(ctx);
  const headerChecksums = headerNames
    .map((name) => ({ name, algorithm: checksumAlgorithmForHeader(name) }))
    .filter((c): c is { name: string; algorithm: ChecksumAlgorithm } => c.algorithm !== undefined);
  if (headerChecksums.length > 1) {
    throw new S3Error(
      "InvalidRequest",
      "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
    );
  }
  const trailerChecksums =
    payload.kind === "aws-chunked" && payload.trailer
      ? payload.context.declaredTrailers
          .map((name) => ({ name, algorithm: checksumAlgorithmForHeader(name) }))
          .filter((c): c is { name: string; algorithm: ChecksumAlgorithm } => c.algorithm !== undefined)
      : [];
  const contentMd5 = parseContentMd5(requestHeader(ctx, "content-md5"));
  grantContinue(ctx);

  let source: Readable = ctx.req;
  let trailers: Promise<Record<string, string>> | undefined;
  if (payload.kind === "aws-chunked") {
    const decoder = createAwsChunkedDecoder(payload);
    // Read only after the body is done; a decoding failure surfaces through the stream instead.
    decoder.trailers.catch(() => {});
    finished(ctx.req, { writable: false }, (error) => {
      if (error) decoder.destroy(error);
    });
    ctx.req.pipe(decoder);
    source = decoder;
    if (payload.trailer) trailers = decoder.trailers;
  }

  const algorithms = new Set<ChecksumAlgorithm>();
  for (const c of [...headerChecksums, ...trailerChecksums]) algorithms.add(c.algorithm);
  if (alsoCompute) algorithms.add(alsoCompute);

  return {
    source,
    hash: { checksums: [...algorithms], sha256Hex: payload.kind === "sha256" },
    async verify(size, digests) {
      if (payload.kind === "sha256" && digests.sha256Hex !== payload.hex) {
        throw new S3Error(
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          {
            ClientComputedContentSHA256: payload.hex,
            S3ComputedContentSHA256: digests.sha256Hex ?? "",
          },
        );
      }
      if (
        payload.kind === "aws-chunked" &&
        payload.decodedLength !== undefined &&
        size !== payload.decodedLength
      ) {
        throw new S3Error(
          "IncompleteBody",
          "You did not provide the number of bytes specified by the x-amz-decoded-content-length header",
        );
      }
      if (contentMd5 !== undefined && contentMd5 !== digests.md5Hex) {
        throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", {
          ExpectedDigest: Buffer.from(contentMd5, "hex").toString("base64"),
          CalculatedDigest: Buffer.from(digests.md5Hex, "hex").toString("base64"),
        });
      }
      for (const { name, algorithm } of headerChecksums) {
        checkChecksum(name, algorithm, requestHeader(ctx, name), digests);
      }
      if (trailers && trailerChecksums.length > 0) {
        const received = await trailers;
        for (const { name, algorithm } of trailerChecksums) {
          checkChecksum(name, algorithm, received[name], digests);
        }
      }
      const stored: StoredChecksums = {};
      for (const algorithm of algorithms) stored[algorithm] = digests.checksums[algorithm];
      return stored;
    },
  };
}

/** Compares a declared checksum with the computed one: InvalidRequest when malformed, BadDigest when different. */
export function checkChecksum(
  name: string,
  algorithm: ChecksumAlgorithm,
  declared: string | undefined,
  digests: BodyDigests,
): void {
  const computed = digests.checksums[algorithm];
  if (declared === undefined || computed === undefined) {
    throw new S3Error("InvalidRequest", `The request did not include the ${name} value it announced.`);
  }
  if (declared === computed) return;
  const decodedLength = Buffer.from(declared, "base64").length;
  if (decodedLength !== Buffer.from(computed, "base64").length || !/^[A-Za-z0-9+/]+={0,2}$/.test(declared)) {
    throw new S3Error("InvalidRequest", `Value for ${name} header is invalid.`);
  }
  throw new S3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`);
}

/** The hex MD5 a Content-MD5 header declares; InvalidDigest when it is not base64 of 16 bytes. */
function parseContentMd5(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const bytes = Buffer.from(value.trim(), "base64");
  if (bytes.length !== 16 || !/^[A-Za-z0-9+/]{22}==$/.test(value.trim())) {
    throw new S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.");
  }
  return bytes.toString("hex");
}
