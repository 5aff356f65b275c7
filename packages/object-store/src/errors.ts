/**
 * S3 error responses. Every refusal the store makes is an `S3Error`; the HTTP layer renders it as the
 * XML document S3 sends (`<Error><Code>…</Code><Message>…</Message>…</Error>`) with `status`.
 *
 * @example
 *   throw new S3Error("SignatureDoesNotMatch", "The request signature we calculated does not match …");
 */
export type S3ErrorCode =
  | "AccessDenied"
  | "AuthorizationHeaderMalformed"
  | "AuthorizationQueryParametersError"
  | "AccessControlListNotSupported"
  | "BadDigest"
  | "BadRequest"
  | "EntityTooLarge"
  | "EntityTooSmall"
  | "ExpiredToken"
  | "IncompleteBody"
  | "InternalError"
  | "InvalidAccessKeyId"
  | "InvalidArgument"
  | "InvalidBucketAclWithObjectOwnership"
  | "InvalidBucketName"
  | "InvalidDigest"
  | "InvalidPart"
  | "InvalidPartOrder"
  | "InvalidRange"
  | "InvalidRequest"
  | "InvalidURI"
  | "KeyTooLongError"
  | "MalformedPOSTRequest"
  | "MalformedXML"
  | "MetadataTooLarge"
  | "MethodNotAllowed"
  | "MissingContentLength"
  | "MissingSecurityHeader"
  | "NoSuchBucket"
  | "NoSuchKey"
  | "NoSuchUpload"
  | "NotImplemented"
  | "PreconditionFailed"
  | "RequestTimeTooSkewed"
  | "SignatureDoesNotMatch"
  | "XAmzContentSHA256Mismatch"
  | "CORSResponse"
  | "NotModified";

/** The HTTP status S3 answers each code with. */
const STATUS: Record<S3ErrorCode, number> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  AccessControlListNotSupported: 400,
  BadDigest: 400,
  BadRequest: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketAclWithObjectOwnership: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedPOSTRequest: 400,
  MalformedXML: 400,
  MetadataTooLarge: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  MissingSecurityHeader: 400,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
  CORSResponse: 403,
  // Not an error document in S3 (a 304 has no body); modelled as one so conditional GETs share the error path.
  NotModified: 304,
};

export class S3Error extends Error {
  override readonly name = "S3Error";
  readonly status: number;

  /**
   * @param code    the S3 error code, sent as `<Code>`
   * @param message a human-readable `<Message>`
   * @param details extra elements S3 adds for some codes (e.g. `StringToSign`, `MaxSizeAllowed`), sent in order
   */
  constructor(
    readonly code: S3ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS[code];
  }
}
