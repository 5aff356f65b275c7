import { S3Error } from "../errors.js";
import {
  buildCanonicalRequest,
  type CanonicalRequestParts,
  missingSignedHeaders,
  unsignedAmzHeaders,
} from "./canonical-request.js";
import type { Credential } from "./credential.js";
import { deriveSigningKey, requestStringToSign, signaturesEqual, signHex } from "./signing-key.js";
import type { AuthOptions, RequestToAuthenticate } from "./types.js";

const DEFAULT_MAX_SKEW_SECONDS = 900;

/** The allowed distance between a request's date and the server clock, in milliseconds. */
export function maxSkewMs(options: AuthOptions): number {
  return (options.maxClockSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS) * 1000;
}

/** RequestTimeTooSkewed, with the details S3 sends. */
export function tooSkewed(requestTime: Date, serverTime: Date, options: AuthOptions): S3Error {
  return new S3Error(
    "RequestTimeTooSkewed",
    "The difference between the request time and the current time is too large.",
    {
      RequestTime: requestTime.toISOString(),
      ServerTime: serverTime.toISOString(),
      MaxAllowedSkewMilliseconds: maxSkewMs(options),
    },
  );
}

/** The secret of the credential's key, or InvalidAccessKeyId. */
export function secretOf(credential: Credential, options: AuthOptions): string {
  const secret = options.secretFor(credential.accessKeyId);
  if (secret === undefined) {
    throw new S3Error(
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      {
        AWSAccessKeyId: credential.accessKeyId,
      },
    );
  }
  return secret;
}

/**
 * Checks what every SigV4 request must satisfy about its headers: `host` signed, every `x-amz-*`
 * header signed, and every signed header present.
 */
export function checkSignedHeaderSet(req: RequestToAuthenticate, signedHeaders: readonly string[]): void {
  const notSigned = unsignedAmzHeaders(req.headers, signedHeaders);
  if (!signedHeaders.includes("host")) notSigned.unshift("host");
  if (notSigned.length > 0) {
    throw new S3Error("AccessDenied", "There were headers present in the request which were not signed", {
      HeadersNotSigned: notSigned.join(", "),
    });
  }
  const missing = missingSignedHeaders(req.headers, signedHeaders);
  // S3 gives no more detail than SignatureDoesNotMatch for a signed header that was not sent.
  if (missing.length > 0) throw signatureMismatch();
}

function signatureMismatch(details: Record<string, string> = {}): S3Error {
  return new S3Error(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    details,
  );
}

export interface SignatureToVerify {
  credential: Credential;
  secret: string;
  /** "YYYYMMDDTHHMMSSZ", as signed */
  amzDate: string;
  providedSignature: string;
  canonical: CanonicalRequestParts;
}

/**
 * Recomputes the request signature and compares it in constant time; returns the signing key
 * (needed again for aws-chunked bodies) and the signature.
 */
export function verifyRequestSignature(check: SignatureToVerify): { signingKey: Buffer; signature: string } {
  const canonicalRequest = buildCanonicalRequest(check.canonical);
  const stringToSign = requestStringToSign(check.amzDate, check.credential.scope, canonicalRequest);
  const signingKey = deriveSigningKey(check.secret, check.credential.shortDate, check.credential.region);
  const expected = signHex(signingKey, stringToSign);
  if (!signaturesEqual(expected, check.providedSignature)) {
    throw signatureMismatch({
      AWSAccessKeyId: check.credential.accessKeyId,
      StringToSign: stringToSign,
      SignatureProvided: check.providedSignature,
      CanonicalRequest: canonicalRequest,
    });
  }
  return { signingKey, signature: expected };
}
