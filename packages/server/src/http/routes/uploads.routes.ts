import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { SUPPORTED_CONTENT_TYPES } from "../../domain/upload-rules.js";
import type { RateLimiter } from "../../ports/rate-limiter.js";
import type { GalleryService } from "../../services/gallery/gallery.service.js";
import { rateLimitKeys } from "../../services/rate-limit-keys.js";
import type { UploadService } from "../../services/uploads/upload.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { readDirectUpload } from "../direct-upload-body.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { principalOf } from "../middleware/require-auth.js";
import { closeAfterAnswerIfLargeUnread, nodeRequestBody } from "../node-request-body.js";
import { photoJson, uploadTicketJson } from "../presenters/photo-json.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import {
  DirectUploadQuerySchema,
  InitiateUploadBodySchema,
  PhotoSchema,
  UploadTicketSchema,
} from "./photos.schemas.js";

const ticketResponses = {
  201: {
    description: "A pending photo and the ticket to upload its bytes straight to storage",
    ...json(UploadTicketSchema),
  },
  ...errorResponses(400, 401, 403, 404, 429),
};

const initiateEventUpload = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/photos/initiate-upload",
    tags: ["uploads"],
    summary: "Start uploading a photo to an event (attendees only)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { ...json(InitiateUploadBodySchema), required: true } },
    responses: ticketResponses,
  });

const initiateLibraryUpload = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/photos/initiate-upload",
    tags: ["uploads"],
    summary: "Start uploading a photo to the caller's own library",
    security: bearerSecurity,
    middleware: auth,
    request: { body: { ...json(InitiateUploadBodySchema), required: true } },
    responses: ticketResponses,
  });

const binary = { type: "string", format: "binary" } as const;

const directUpload = (auth: MiddlewareHandler<AppEnv>, maxBytes: number) =>
  createRoute({
    method: "post",
    path: "/photos",
    tags: ["uploads"],
    summary: `Upload a small photo (≤ ${maxBytes} bytes) through the API in one step`,
    description:
      "Send the image as the body with its Content-Type, or as multipart/form-data with a `file` part. " +
      "Larger photos must use an upload ticket.",
    security: bearerSecurity,
    middleware: auth,
    request: {
      query: DirectUploadQuerySchema,
      // Plain schemas, not zod: the handler streams the body itself, with its own size limit.
      body: {
        required: true,
        content: {
          ...Object.fromEntries(SUPPORTED_CONTENT_TYPES.map((type) => [type, { schema: binary }])),
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["file"],
              properties: {
                file: binary,
                eventId: { type: "string" },
                filename: { type: "string" },
                title: { type: "string" },
                description: { type: "string" },
              },
            },
          },
        },
      },
    },
    responses: {
      201: { description: "The pending photo", ...json(PhotoSchema) },
      ...errorResponses(400, 401, 403, 404, 413, 429),
    },
  });

/** Uploads: tickets for direct-to-storage uploads, and the small one-step upload through the API. */
export function registerUploadRoutes(
  app: ApiApp,
  deps: {
    uploads: UploadService;
    gallery: GalleryService;
    auth: MiddlewareHandler<AppEnv>;
    maxDirectUploadBytes: number;
    /** Tickets and direct uploads per user; absent: unlimited. */
    tickets?: RateLimiter;
  },
): void {
  const { uploads, gallery, auth, maxDirectUploadBytes, tickets } = deps;

  const perUser = (c: Context<AppEnv>) => rateLimitKeys.user(principalOf(c).userId);

  app.openapi(
    initiateEventUpload(auth),
    rateLimit(tickets, perUser, async (c) => {
      const input = { ...c.req.valid("json"), eventId: c.req.valid("param").eventId };
      const { photo, ticket } = await uploads.initiate(principalOf(c), input);
      return c.json(uploadTicketJson(photo.id, ticket), 201);
    }),
  );

  app.openapi(
    initiateLibraryUpload(auth),
    rateLimit(tickets, perUser, async (c) => {
      const { photo, ticket } = await uploads.initiate(principalOf(c), c.req.valid("json"));
      return c.json(uploadTicketJson(photo.id, ticket), 201);
    }),
  );

  // A direct upload is a ticket and its bytes in one call: the same per-user limit, counted before a
  // byte of the body is read.
  app.openapi(
    directUpload(auth, maxDirectUploadBytes),
    rateLimit(tickets, perUser, async (c) => {
      const principal = principalOf(c);
      const nodeBody = nodeRequestBody(c);
      const input = await readDirectUpload(
        c.req.raw,
        c.req.valid("query"),
        maxDirectUploadBytes,
        nodeBody,
      ).catch((error: unknown) => {
        closeAfterAnswerIfLargeUnread(c, nodeBody);
        throw error;
      });
      const photo = await uploads.uploadDirect(principal, input);
      // Through the gallery, so the answer carries the same URLs a later GET would.
      return c.json(photoJson(await gallery.getPhoto(principal, photo.id)), 201);
    }),
  );
}
