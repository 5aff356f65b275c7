import type { StoredChecksums } from "../catalog/records.js";
import type { ChecksumAlgorithm } from "../checksums/index.js";
import { planBody } from "../http/request-body.js";
import type { ObjectRequest } from "../http/request-context.js";
import { type IngestedBody, ingestBody } from "../storage/ingest.js";
import type { StoreDeps } from "../store-deps.js";

/**
 * Reads a PUT-style request body (plain or aws-chunked) into a temp file and proves it against everything
 * the request declared (content sha256, Content-MD5, checksums, decoded length). A body that fails any
 * check is discarded here, so callers only ever hold a temp file worth committing.
 */
export async function receiveVerifiedBody(
  deps: StoreDeps,
  ctx: ObjectRequest,
  options: { maxBytes: number; alsoCompute?: ChecksumAlgorithm | undefined },
): Promise<{ body: IngestedBody; checksums: StoredChecksums }> {
  const plan = planBody(ctx, options.alsoCompute);
  const body = await ingestBody(plan.source, deps, { maxBytes: options.maxBytes, hash: plan.hash });
  try {
    return { body, checksums: await plan.verify(body.size, body.digests) };
  } catch (error) {
    await deps.blobs.discard(body.temp);
    throw error;
  }
}
