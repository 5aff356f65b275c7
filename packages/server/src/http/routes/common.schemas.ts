import { z } from "@hono/zod-openapi";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type PageRequest } from "../../domain/page.js";

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string().openapi({ example: "Event not found" }),
      requestId: z
        .string()
        .optional()
        .openapi({ description: "Present on 5xx answers; quote it when reporting" }),
    }),
  })
  .openapi("Error");

const errorDescriptions = {
  400: "Invalid input (VALIDATION_FAILED, INVALID_JSON, UNSUPPORTED_CONTENT_TYPE, UPLOAD_TOO_LARGE)",
  401: "Missing or invalid credentials (UNAUTHENTICATED, INVALID_CREDENTIALS, PASSWORD_REQUIRED)",
  403: "Not allowed (FORBIDDEN, NOT_ATTENDEE, UPLOADS_CLOSED)",
  404: "No such resource, or not visible to the caller (NOT_FOUND)",
  409: "Conflicts with existing data (CONFLICT)",
  410: "The link was revoked or has expired (LINK_GONE)",
  413: "Body too large (PAYLOAD_TOO_LARGE)",
  415: "Body is not JSON (UNSUPPORTED_MEDIA_TYPE)",
  429: "Too many attempts (RATE_LIMITED); see Retry-After",
} as const;

type DocumentedErrorStatus = keyof typeof errorDescriptions;

/** OpenAPI response entries for the error statuses a route can answer. */
export function errorResponses<S extends DocumentedErrorStatus>(...statuses: S[]) {
  const entries = statuses.map((status) => [
    status,
    {
      description: errorDescriptions[status],
      content: { "application/json": { schema: ErrorResponseSchema } },
    },
  ]);
  return Object.fromEntries(entries) as Record<
    S,
    { description: string; content: { "application/json": { schema: typeof ErrorResponseSchema } } }
  >;
}

/** Routes that need a signed-in caller declare this (and get the `requireAuth` middleware). */
export const bearerSecurity = [{ bearerAuth: [] }];

/** The `cursor` query parameter of every paged list. */
export const CursorQueryParam = z
  .string()
  .min(1)
  .max(1024)
  .optional()
  .openapi({ description: "The `nextCursor` of the previous page" });

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number<string>()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .optional()
    .openapi({ description: `Items per page, 1–${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT})` }),
  cursor: CursorQueryParam,
});

/** Turns validated `?limit&cursor` into the domain's page request. */
export function pageRequestOf(query: z.infer<typeof PageQuerySchema>): PageRequest {
  return {
    limit: query.limit ?? DEFAULT_PAGE_LIMIT,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  };
}

/** `{items, nextCursor}`: `nextCursor` is null on the last page. */
export function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const idParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name, in: "path" }, example });
