import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { DomainError, type DomainErrorCode, RateLimitedError } from "../domain/errors.js";
import type { AppEnv } from "./app-env.js";
import { HttpError } from "./http-error.js";

/** The one place where a domain error becomes an HTTP status. */
const statusByCode: Readonly<Record<DomainErrorCode, ContentfulStatusCode>> = {
  VALIDATION_FAILED: 400,
  UNSUPPORTED_CONTENT_TYPE: 400,
  UPLOAD_TOO_LARGE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_CONFIRMATION_CODE: 400,
  FORBIDDEN: 403,
  NOT_ATTENDEE: 403,
  EMAIL_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  IMAGE_REJECTED: 422,
  LINK_GONE: 410,
  PASSWORD_REQUIRED: 401,
  UPLOADS_CLOSED: 403,
};

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

/**
 * Turns anything thrown while handling a request into `{error: {code, message}}`. Domain and HTTP errors
 * show their message; anything else is logged with its stack and answered with a generic 500 carrying the
 * request id, so a user can quote it and an operator can find the log line.
 */
export function errorResponse(c: Context<AppEnv>, error: unknown): Response {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.code === "UNAUTHENTICATED") headers["WWW-Authenticate"] = 'Bearer error="invalid_token"';
    if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
    return c.json(body(error.code, error.message), statusByCode[error.code], headers);
  }
  if (error instanceof HttpError) return c.json(body(error.code, error.message), error.status);
  if (error instanceof HTTPException && error.status < 500) return fromHonoException(c, error);

  const requestId = c.get("requestId");
  c.get("logger").error("unhandled error", { error, method: c.req.method, path: c.req.path });
  return c.json(
    {
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side; quote the request id if you report it",
        requestId,
      },
    },
    500,
  );
}

/** The hook `OpenAPIHono` calls after validating params, query and bodies: zod issues → 400 naming the field. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  return c.json(body("VALIDATION_FAILED", describeIssues(result.error)), 400);
}

/** A 401 for a request without credentials, with the challenge RFC 6750 asks for. */
export function missingTokenResponse(c: Context<AppEnv>): Response {
  return c.json(body("UNAUTHENTICATED", "Sign in: this request needs a bearer token"), 401, {
    "WWW-Authenticate": "Bearer",
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join(".");
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/** Hono's own refusals (malformed JSON or form data, wrong media type) in our error shape. */
function fromHonoException(c: Context<AppEnv>, error: HTTPException): Response {
  const status = error.status as ContentfulStatusCode;
  if (status === 415) {
    return c.json(body("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json"), 415);
  }
  if (status === 413) return c.json(body("PAYLOAD_TOO_LARGE", "The request body is too large"), 413);
  if (status === 400 && /json/i.test(error.message)) {
    return c.json(body("INVALID_JSON", "The request body is not valid JSON"), 400);
  }
  return c.json(body(status === 400 ? "BAD_REQUEST" : "HTTP_ERROR", error.message), status);
}

function body(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
