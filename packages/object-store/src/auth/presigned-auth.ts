import { S3Error } from "../errors.js";
import { parseSignedHeaders } from "./canonical-request.js";
import { parseAmzDate, parseCredential } from "./credential.js";
import { UNSIGNED_PAYLOAD } from "./payload-expectation.js";
import {
  checkSignedHeaderSet,
  maxSkewMs,
  secretOf,
  tooSkewed,
  verifyRequestSignature,
} from "./signature-check.js";
import { ALGORITHM } from "./signing-key.js";
import type { Authenticated, AuthOptions, PayloadExpectation, RequestToAuthenticate } from "./types.js";
import { canonicalQueryString, canonicalUri, type QueryParameter } from "./uri-encoding.js";

/** S3's limit on X-Amz-Expires: one week. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const REQUIRED = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Signature",
  "X-Amz-Date",
  "X-Amz-SignedHeaders",
  "X-Amz-Expires",
] as const;
type RequiredParameter = (typeof REQUIRED)[number];

/** The query parameters that mark a SigV4 presigned URL. */
export const PRESIGN_MARKERS: readonly string[] = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"];

function queryError(message: string): S3Error {
  return new S3Error("AuthorizationQueryParametersError", message);
}

function authParameters(
  query: readonly QueryParameter[],
): Record<RequiredParameter, string> & { contentSha256?: string } {
  const found = new Map<string, string>();
  for (const { name, value } of query) {
    if (!(REQUIRED as readonly string[]).includes(name) && name !== "X-Amz-Content-Sha256") continue;
    if (found.has(name)) throw queryError(`The query parameter ${name} may only appear once.`);
    found.set(name, value);
  }
  const missing = REQUIRED.filter((name) => !found.get(name));
  if (missing.length > 0) {
    throw queryError(
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  const get = (name: string): string => found.get(name) ?? "";
  const contentSha256 = found.get("X-Amz-Content-Sha256");
  return {
    "X-Amz-Algorithm": get("X-Amz-Algorithm"),
    "X-Amz-Credential": get("X-Amz-Credential"),
    "X-Amz-Signature": get("X-Amz-Signature"),
    "X-Amz-Date": get("X-Amz-Date"),
    "X-Amz-SignedHeaders": get("X-Amz-SignedHeaders"),
    "X-Amz-Expires": get("X-Amz-Expires"),
    ...(contentSha256 === undefined ? {} : { contentSha256 }),
  };
}

function parseExpires(raw: string): number {
  if (/^-\d+$/.test(raw)) throw queryError("X-Amz-Expires must be non-negative");
  if (!/^\d+$/.test(raw)) throw queryError("X-Amz-Expires should be a number");
  const seconds = Number(raw);
  if (seconds < 1) throw queryError("X-Amz-Expires must be at least 1 second");
  if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryError("X-Amz-Expires must be less than a week (in seconds) that is; 604800");
  }
  return seconds;
}

/** Presigned URLs carry no body hash unless the signer put one in the query. */
function presignedPayload(contentSha256: string | undefined): {
  payloadHash: string;
  payload: PayloadExpectation;
} {
  if (contentSha256 === undefined || contentSha256 === UNSIGNED_PAYLOAD) {
    return { payloadHash: UNSIGNED_PAYLOAD, payload: { kind: "unsigned" } };
  }
  if (/^[0-9a-fA-F]{64}$/.test(contentSha256)) {
    return { payloadHash: contentSha256, payload: { kind: "sha256", hex: contentSha256.toLowerCase() } };
  }
  throw queryError(
    "X-Amz-Content-Sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value in a presigned URL.",
  );
}

/**
 * Verifies a SigV4 presigned URL (query-string authentication), as S3 does.
 *
 * @throws S3Error
 */
export function authenticatePresigned(
  req: RequestToAuthenticate,
  query: readonly QueryParameter[],
  options: AuthOptions,
): Authenticated {
  const params = authParameters(query);
  if (params["X-Amz-Algorithm"] !== ALGORITHM)
    throw queryError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const amzDate = params["X-Amz-Date"];
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  const expiresSeconds = parseExpires(params["X-Amz-Expires"]);
  const credential = parseCredential(
    params["X-Amz-Credential"],
    options.region,
    "AuthorizationQueryParametersError",
    "Error parsing the X-Amz-Credential parameter; ",
  );
  if (credential.shortDate !== amzDate.slice(0, 8)) {
    throw queryError("Invalid credential date. Date is not the same as X-Amz-Date.");
  }

  const now = options.now();
  if (signedAt.getTime() - now.getTime() > maxSkewMs(options)) throw tooSkewed(signedAt, now, options);
  const expiresAt = new Date(signedAt.getTime() + expiresSeconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new S3Error("AccessDenied", "Request has expired", {
      "X-Amz-Expires": expiresSeconds,
      Expires: expiresAt.toISOString(),
      ServerTime: now.toISOString(),
    });
  }

  const signedHeaders = parseSignedHeaders(params["X-Amz-SignedHeaders"]);
  checkSignedHeaderSet(req, signedHeaders);
  const { payloadHash, payload } = presignedPayload(params.contentSha256);
  const secret = secretOf(credential, options);
  verifyRequestSignature({
    credential,
    secret,
    amzDate,
    providedSignature: params["X-Amz-Signature"],
    canonical: {
      method: req.method,
      canonicalUri: canonicalUri(req.rawPath),
      canonicalQuery: canonicalQueryString(query, "X-Amz-Signature"),
      headers: req.headers,
      signedHeaders,
      payloadHash,
    },
  });
  return { accessKeyId: credential.accessKeyId, via: "presigned", payload, signedHeaders, expiresAt };
}
