/** Codes the HTTP layer itself produces, beside the domain's (which `error-mapping.ts` maps). */
export type HttpErrorCode =
  | "INVALID_JSON"
  | "BAD_REQUEST"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED";

/** A request refused for reasons of HTTP itself (size, media type, JSON syntax), not of the domain. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 415,
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}
