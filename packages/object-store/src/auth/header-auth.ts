import { S3Error } from "../errors.js";
import { headerValue, parseSignedHeaders } from "./canonical-request.js";
import { formatAmzDate, parseAmzDate, parseCredential } from "./credential.js";
import { checkContentSha256, payloadExpectationFor } from "./payload-expectation.js";
import {
  checkSignedHeaderSet,
  maxSkewMs,
  secretOf,
  tooSkewed,
  verifyRequestSignature,
} from "./signature-check.js";
import { ALGORITHM } from "./signing-key.js";
import type { Authenticated, AuthOptions, RequestToAuthenticate } from "./types.js";
import { canonicalQueryString, canonicalUri, type QueryParameter } from "./uri-encoding.js";

interface AuthorizationHeader {
  credential: string;
  signedHeaders: string;
  signature: string;
}

function malformed(message: string): S3Error {
  return new S3Error("AuthorizationHeaderMalformed", `The authorization header is malformed; ${message}`);
}

/** Splits `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` into its three components. */
export function parseAuthorizationHeader(value: string): AuthorizationHeader {
  const trimmed = value.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    if (algorithm === "AWS") {
      throw new S3Error(
        "InvalidRequest",
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
      );
    }
    if (algorithm === "AWS4-ECDSA-P256-SHA256") {
      throw new S3Error("NotImplemented", "SigV4a (ECDSA) signatures are not supported by this store.");
    }
    throw new S3Error("InvalidArgument", "Unsupported Authorization Type", {
      ArgumentName: "Authorization",
      ArgumentValue: value,
    });
  }
  const components = new Map<string, string>();
  for (const component of trimmed.slice(space + 1).split(",")) {
    const equals = component.indexOf("=");
    const name = component.slice(0, equals).trim();
    if (equals < 0 || components.has(name))
      throw malformed(`the authorization component "${component.trim()}" is malformed.`);
    components.set(name, component.slice(equals + 1).trim());
  }
  const credential = components.get("Credential");
  const signedHeaders = components.get("SignedHeaders");
  const signature = components.get("Signature");
  if (!credential || !signedHeaders || signature === undefined) {
    throw malformed("a non-empty Credential, SignedHeaders and Signature are required.");
  }
  return { credential, signedHeaders, signature };
}

/** The request's timestamp from `x-amz-date`, else from `Date`, as signed ("YYYYMMDDTHHMMSSZ"). */
function requestTimestamp(req: RequestToAuthenticate): { amzDate: string; time: Date } {
  const amzDateHeader = headerValue(req.headers, "x-amz-date");
  const time =
    amzDateHeader !== undefined
      ? parseAmzDate(amzDateHeader.trim())
      : parseHttpDate(headerValue(req.headers, "date"));
  if (!time)
    throw new S3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  return { amzDate: amzDateHeader?.trim() ?? formatAmzDate(time), time };
}

function parseHttpDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : new Date(millis);
}

/**
 * Verifies a request signed in its `Authorization` header, as S3 does.
 *
 * @param query the request's parsed query parameters
 * @throws S3Error
 */
export function authenticateWithHeader(
  req: RequestToAuthenticate,
  authorization: string,
  query: readonly QueryParameter[],
  options: AuthOptions,
): Authenticated {
  const header = parseAuthorizationHeader(authorization);
  const { amzDate, time } = requestTimestamp(req);
  const now = options.now();
  if (Math.abs(now.getTime() - time.getTime()) > maxSkewMs(options)) throw tooSkewed(time, now, options);

  const credential = parseCredential(header.credential, options.region, "AuthorizationHeaderMalformed", "");
  if (credential.shortDate !== amzDate.slice(0, 8)) {
    throw malformed("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  const contentSha256 = headerValue(req.headers, "x-amz-content-sha256")?.trim();
  if (contentSha256 === undefined) {
    throw new S3Error("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
  }
  checkContentSha256(contentSha256);

  const signedHeaders = parseSignedHeaders(header.signedHeaders);
  checkSignedHeaderSet(req, signedHeaders);
  const secret = secretOf(credential, options);
  const { signingKey, signature } = verifyRequestSignature({
    credential,
    secret,
    amzDate,
    providedSignature: header.signature,
    canonical: {
      method: req.method,
      canonicalUri: canonicalUri(req.rawPath),
      canonicalQuery: canonicalQueryString(query),
      headers: req.headers,
      signedHeaders,
      payloadHash: contentSha256,
    },
  });
  return {
    accessKeyId: credential.accessKeyId,
    via: "header",
    payload: payloadExpectationFor(req, contentSha256, {
      seedSignature: signature,
      signingKey,
      scope: credential.scope,
      amzDate,
    }),
    signedHeaders,
  };
}
