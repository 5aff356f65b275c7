import { S3Error } from "../errors.js";
import { headerValue } from "./canonical-request.js";
import { authenticateWithHeader } from "./header-auth.js";
import { authenticatePresigned, PRESIGN_MARKERS } from "./presigned-auth.js";
import type { Authenticated, AuthOptions, RequestToAuthenticate } from "./types.js";
import { parseQuery, type QueryParameter } from "./uri-encoding.js";

function refuseSessionTokens(req: RequestToAuthenticate, query: readonly QueryParameter[]): void {
  const hasToken =
    headerValue(req.headers, "x-amz-security-token") !== undefined ||
    query.some((parameter) => parameter.name === "X-Amz-Security-Token");
  if (hasToken) {
    // This store has only long-term keys: a temporary credential's key id is unknown here by definition.
    throw new S3Error(
      "InvalidAccessKeyId",
      "Session tokens are not accepted by this store; sign with an access key.",
    );
  }
}

/**
 * Authenticates an S3 request signed with SigV4, either in its `Authorization` header or as a
 * presigned URL, exactly as S3 does. The body is not read: the returned `payload` says how the
 * caller must check it (hash, aws-chunked decoding, or nothing). Browser POST uploads go through
 * `verifyPostSignature` instead.
 *
 * @example
 *   const auth = authenticateRequest({ method, rawPath, rawQuery, headers }, { secretFor, region, now: () => new Date() });
 *   if (auth.payload.kind === "aws-chunked") body = body.pipe(createAwsChunkedDecoder(auth.payload));
 * @throws S3Error AccessDenied when the request carries no signature at all (buckets are private)
 */
export function authenticateRequest(req: RequestToAuthenticate, options: AuthOptions): Authenticated {
  const query = parseQuery(req.rawQuery);
  const authorization = headerValue(req.headers, "authorization");
  const presigned = query.some((parameter) => PRESIGN_MARKERS.includes(parameter.name));
  if (authorization !== undefined && presigned) {
    throw new S3Error(
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
      { ArgumentName: "Authorization", ArgumentValue: authorization },
    );
  }
  if (authorization === undefined && !presigned) {
    if (query.some((parameter) => parameter.name === "Signature" || parameter.name === "AWSAccessKeyId")) {
      throw new S3Error(
        "InvalidRequest",
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
      );
    }
    throw new S3Error("AccessDenied", "Access Denied");
  }
  refuseSessionTokens(req, query);
  return authorization !== undefined
    ? authenticateWithHeader(req, authorization, query, options)
    : authenticatePresigned(req, query, options);
}
