/**
 * Domain errors: what went wrong in the language of the service, free of HTTP. The HTTP layer maps each
 * `code` to a status in one place (`http/error-mapping.ts`); 4xx messages are shown to the client, anything
 * else is logged and answered generically.
 */
export type DomainErrorCode =
  | "VALIDATION_FAILED"
  | "UNSUPPORTED_CONTENT_TYPE"
  | "UPLOAD_TOO_LARGE"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_ATTENDEE"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_CREDENTIALS"
  | "INVALID_CONFIRMATION_CODE"
  | "EMAIL_NOT_VERIFIED"
  | "RATE_LIMITED"
  | "IMAGE_REJECTED"
  | "LINK_GONE"
  | "PASSWORD_REQUIRED"
  | "UPLOADS_CLOSED";

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/** Input that breaks a rule (missing field, bad value). */
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
  readonly code = "VALIDATION_FAILED";
}

export class UnsupportedContentTypeError extends DomainError {
  override readonly name = "UnsupportedContentTypeError";
  readonly code = "UNSUPPORTED_CONTENT_TYPE";
  constructor(
    readonly contentType: string,
    readonly supported: readonly string[],
  ) {
    super(`Unsupported content type "${contentType}". Supported types: ${supported.join(", ")}`);
  }
}

export class UploadTooLargeError extends DomainError {
  override readonly name = "UploadTooLargeError";
  readonly code = "UPLOAD_TOO_LARGE";
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`The file is ${size} bytes; the largest accepted is ${maxBytes} bytes`);
  }
}

/** No or invalid credentials on a request that needs them. */
export class UnauthenticatedError extends DomainError {
  override readonly name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED";
}

/** Wrong email or password at sign-in (deliberately says no more than that). */
export class InvalidCredentialsError extends DomainError {
  override readonly name = "InvalidCredentialsError";
  readonly code = "INVALID_CREDENTIALS";
  constructor() {
    super("Incorrect email or password");
  }
}

/**
 * A wrong, expired, used-up or unknown email confirmation code: one answer for all, so it reveals nothing
 * about which addresses have accounts.
 */
export class InvalidConfirmationCodeError extends DomainError {
  override readonly name = "InvalidConfirmationCodeError";
  readonly code = "INVALID_CONFIRMATION_CODE";
  constructor() {
    super("That code does not match this sign-up, or it has expired. Ask for a new code.");
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override readonly name: string = "ForbiddenError";
  readonly code: DomainErrorCode = "FORBIDDEN";
}

/** Only attendees of an event may upload to it or see its photos. */
export class NotAttendeeError extends ForbiddenError {
  override readonly name = "NotAttendeeError";
  override readonly code = "NOT_ATTENDEE";
  constructor(readonly eventId: string) {
    super("Only attendees of this event may do that");
  }
}

/** Accepting an invitation addressed to an email needs proof that the caller owns that email. */
export class EmailNotVerifiedError extends ForbiddenError {
  override readonly name = "EmailNotVerifiedError";
  override readonly code = "EMAIL_NOT_VERIFIED";
  constructor() {
    super("Confirm your email address before accepting an invitation sent to it");
  }
}

/** Unknown — or not visible to this caller, which must not learn that it exists. */
export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  readonly code = "NOT_FOUND";
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} not found`);
  }
}

export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  readonly code = "CONFLICT";
}

export class RateLimitedError extends DomainError {
  override readonly name = "RateLimitedError";
  readonly code = "RATE_LIMITED";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** The uploaded bytes are not an acceptable image; `reason` is stored on the photo and shown to its owner. */
export class ImageRejectedError extends DomainError {
  override readonly name = "ImageRejectedError";
  readonly code = "IMAGE_REJECTED";
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** A share or upload link that existed but was revoked or has expired: it will never work again. */
export class LinkGoneError extends DomainError {
  override readonly name = "LinkGoneError";
  readonly code = "LINK_GONE";
  constructor(readonly reason: "revoked" | "expired") {
    super(reason === "revoked" ? "This link was revoked" : "This link has expired");
  }
}

/** A password-protected link opened without (or with a wrong) password. */
export class PasswordRequiredError extends DomainError {
  override readonly name = "PasswordRequiredError";
  readonly code = "PASSWORD_REQUIRED";
  constructor(readonly wrongPassword = false) {
    super(wrongPassword ? "The password is not correct" : "This link needs its password");
  }
}

/** The event's upload window is shut (not yet open, past its close, or closed by hand). */
export class UploadsClosedError extends DomainError {
  override readonly name = "UploadsClosedError";
  readonly code = "UPLOADS_CLOSED";
}
