/** An answer from the API that was not a success, carrying the API's `{error: {code, message}}`. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** 400: the request was invalid; `message` names the field, and is written to be shown to the user. */
export class InvalidRequestError extends ApiError {
  override name = "InvalidRequestError";
}

/** 401: not signed in, the session ended, or (on sign-in) a wrong email or password. */
export class UnauthorizedError extends ApiError {
  override name = "UnauthorizedError";
}

/** 403: signed in, but not allowed (not an attendee, not the organizer or owner). */
export class ForbiddenError extends ApiError {
  override name = "ForbiddenError";
}

/** 404: it does not exist, or the caller may not know it does. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** 409: the request conflicts with the current state (an email already registered, …). */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}

/** 410: it existed but is gone for good (a revoked or expired link). */
export class GoneError extends ApiError {
  override name = "GoneError";
}

/** 429: too many attempts; try again after `retryAfterSeconds`. */
export class RateLimitedError extends ApiError {
  override name = "RateLimitedError";
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(429, code, message);
  }
}

/** 5xx: the server failed; its message is generic and the request id is what an operator needs. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

/** The request never got an answer (offline, DNS, CORS, connection reset). */
export class NetworkError extends Error {
  override name = "NetworkError";
  constructor(options?: { cause?: unknown }) {
    super("Could not reach Shoebox. Check your connection and try again.", options);
  }
}

const GENERIC_SERVER_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

/**
 * Turns a failed response into the matching typed error. Bodies that are not the API's error shape (a proxy's
 * HTML 502, an empty 500) still become an `ApiError` with a code derived from the status.
 */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = await readErrorBody(response);
  const code = body?.code ?? `HTTP_${response.status}`;
  const { status } = response;
  if (status >= 500) {
    const suffix = body?.requestId ? ` (request id ${body.requestId})` : "";
    return new ServerError(status, code, `${GENERIC_SERVER_MESSAGE}${suffix}`, body?.requestId);
  }
  const message = body?.message ?? `The request failed (${status} ${response.statusText})`.trim();
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new InvalidRequestError(status, code, message);
    case 401:
      return new UnauthorizedError(status, code, message);
    case 403:
      return new ForbiddenError(status, code, message);
    case 404:
      return new NotFoundError(status, code, message);
    case 409:
      return new ConflictError(status, code, message);
    case 410:
      return new GoneError(status, code, message);
    case 429:
      return new RateLimitedError(code, message, retryAfterOf(response));
    default:
      return new ApiError(status, code, message);
  }
}

/** A sentence for the user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined) {
    return `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  if (error instanceof Error) return error.message;
  return "Something unexpected happened.";
}

async function readErrorBody(
  response: Response,
): Promise<{ code: string; message: string; requestId?: string } | undefined> {
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return undefined;
    const error = (parsed as { error: unknown }).error;
    if (typeof error !== "object" || error === null) return undefined;
    const { code, message, requestId } = error as Record<string, unknown>;
    if (typeof code !== "string" || typeof message !== "string") return undefined;
    return typeof requestId === "string" ? { code, message, requestId } : { code, message };
  } catch {
    return undefined;
  }
}

function retryAfterOf(response: Response): number | undefined {
  const header = response.headers.get("Retry-After");
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
