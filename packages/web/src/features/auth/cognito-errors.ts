import {
  ApiError,
  ConflictError,
  InvalidRequestError,
  NetworkError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from "../../api/api-errors.js";
import { AccountNotConfirmedError } from "./auth-errors.js";

/** The shape of an error the AWS SDK throws for a service's answer (`name` is Cognito's exception). */
interface ServiceFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
}

const POLICY_PREFIX = /^Password did not conform with policy:\s*/i;

/**
 * Turns what the Cognito SDK threw into the client's typed errors, with messages written for the user, so
 * the sign-in page treats both hosts alike. No answer at all (offline, CORS) is a `NetworkError`.
 */
export function errorFromCognito(error: unknown, context: { signingIn?: boolean } = {}): Error {
  if (!isServiceFailure(error)) {
    if (error instanceof Error && error.name === "AbortError") return error;
    return new NetworkError({ cause: error });
  }
  const status = error.$metadata.httpStatusCode ?? 400;
  switch (error.name) {
    case "NotAuthorizedException":
    case "UserNotFoundException":
      return wrongCredentials();
    case "UserNotConfirmedException":
      return new AccountNotConfirmedError();
    case "UsernameExistsException":
    case "AliasExistsException":
      return new ConflictError(
        409,
        "EMAIL_TAKEN",
        "An account with this email already exists. Sign in instead.",
      );
    case "InvalidPasswordException":
      // Cognito says NotAuthorized for a wrong password; cognito-local says InvalidPassword at sign-in too.
      if (context.signingIn) return wrongCredentials();
      return new InvalidRequestError(
        400,
        "WEAK_PASSWORD",
        `Choose a stronger password: ${error.message.replace(POLICY_PREFIX, "")}`,
      );
    case "CodeMismatchException":
      return new InvalidRequestError(
        400,
        "WRONG_CODE",
        "That code is not right. Check the email and try again.",
      );
    case "ExpiredCodeException":
      return new InvalidRequestError(
        400,
        "EXPIRED_CODE",
        "That code has expired. Sign up again for a new one.",
      );
    case "TooManyRequestsException":
    case "TooManyFailedAttemptsException":
    case "LimitExceededException":
      return new RateLimitedError(
        "TOO_MANY_ATTEMPTS",
        "Too many attempts. Wait a moment and try again.",
        undefined,
      );
    case "InvalidParameterException":
      return new InvalidRequestError(400, "INVALID_REQUEST", error.message);
  }
  if (status >= 500) {
    const requestId = error.$metadata.requestId;
    const suffix = requestId ? ` (request id ${requestId})` : "";
    return new ServerError(
      status,
      error.name,
      `Signing in failed on the server's side. Try again.${suffix}`,
      requestId,
    );
  }
  return new ApiError(status, error.name, error.message);
}

function wrongCredentials(): UnauthorizedError {
  return new UnauthorizedError(401, "NOT_AUTHORIZED", "That email and password do not match an account.");
}

function isServiceFailure(error: unknown): error is ServiceFailure {
  return (
    error instanceof Error &&
    "$metadata" in error &&
    typeof error.$metadata === "object" &&
    error.$metadata !== null &&
    typeof (error.$metadata as { httpStatusCode?: unknown }).httpStatusCode === "number"
  );
}
