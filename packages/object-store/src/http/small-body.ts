import { createHash } from "node:crypto";
import { createChecksum } from "../checksums/index.js";
import { S3Error } from "../errors.js";
import type { BodyDigests } from "../storage/hash-protocol.js";
import { planBody } from "./request-body.js";
import type { BucketRequest } from "./request-context.js";

/**
 * Reads a small request document (CompleteMultipartUpload or Delete XML …) into memory, decoding and
 * verifying it like any body; hashed on this thread since it is capped at `maxBytes`.
 */
export async function readSmallBody(
  ctx: BucketRequest,
  maxBytes: number,
  options: { checksumHeadersDescribeObject?: boolean } = {},
): Promise<Buffer> {
  const plan = planBody(ctx, undefined, options);
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed when the loop is left early: the error is answered on the same connection (see sendError).
  for await (const chunk of plan.source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new S3Error("MalformedXML", "The XML you provided was too large.");
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const digests: BodyDigests = { md5Hex: createHash("md5").update(body).digest("hex"), checksums: {} };
  if (plan.hash.sha256Hex) digests.sha256Hex = createHash("sha256").update(body).digest("hex");
  for (const algorithm of plan.hash.checksums) {
    const checksum = createChecksum(algorithm);
    checksum.update(body);
    digests.checksums[algorithm] = checksum.digest();
  }
  await plan.verify(body.length, digests);
  return body;
}
