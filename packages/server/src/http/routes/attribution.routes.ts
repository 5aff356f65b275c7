import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { GalleryService } from "../../services/gallery/gallery.service.js";
import type { GuestPhotoService } from "../../services/sharing/guest-photos.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import {
  GUEST_KEY_HEADER,
  GuestKeyHeaders,
  GuestPhotoParams,
  GuestUploadStatusSchema,
  UploaderListSchema,
} from "./attribution.schemas.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import { GetPhotoQuerySchema } from "./photos.schemas.js";

const listUploaders = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/uploaders",
    tags: ["photos"],
    summary: "Who has uploaded to the event, for the gallery's 'uploaded by' filter (attendees)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: {
      200: { description: "The uploaders, by owner id", ...json(UploaderListSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const guestUploadStatus = createRoute({
  method: "get",
  path: "/guest/{token}/photos/{photoId}",
  tags: ["guest uploads"],
  summary:
    "A guest follows their own upload (its delete key in `X-Guest-Key`): its status, and what the link " +
    "still allows; optionally waits while it is pending (long poll)",
  request: { params: GuestPhotoParams, headers: GuestKeyHeaders, query: GetPhotoQuerySchema },
  responses: {
    200: { description: "The upload", ...json(GuestUploadStatusSchema) },
    ...errorResponses(400, 404, 410),
  },
});

const guestDeletePhoto = createRoute({
  method: "delete",
  path: "/guest/{token}/photos/{photoId}",
  tags: ["guest uploads"],
  summary:
    "A guest deletes their own upload while the link is active (its delete key in `X-Guest-Key`): the " +
    "original, its variants and its record",
  request: { params: GuestPhotoParams, headers: GuestKeyHeaders },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 404, 410) },
});

/** Attribution: the event's uploaders, and a guest's own uploads reached by their delete keys. */
export function registerAttributionRoutes(
  app: ApiApp,
  deps: { gallery: GalleryService; guestPhotos?: GuestPhotoService; auth: MiddlewareHandler<AppEnv> },
): void {
  const { gallery, guestPhotos, auth } = deps;

  app.openapi(listUploaders(auth), async (c) => {
    const items = await gallery.listUploaders(principalOf(c), c.req.valid("param").eventId);
    return c.json({ items }, 200);
  });

  if (guestPhotos === undefined) return;

  app.openapi(guestUploadStatus, async (c) => {
    const { token, photoId } = c.req.valid("param");
    const { waitWhilePending } = c.req.valid("query");
    const status = await guestPhotos.status(token, photoId, c.req.valid("header")[GUEST_KEY_HEADER], {
      ...(waitWhilePending === undefined ? {} : { waitWhilePendingSeconds: waitWhilePending }),
      signal: c.req.raw.signal,
    });
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        photoId: status.photo.id,
        status: status.photo.status,
        statusReason: status.photo.statusReason ?? null,
        uploadsLeft: status.uploadsLeft ?? null,
        bytesLeft: status.bytesLeft ?? null,
      },
      200,
    );
  });

  app.openapi(guestDeletePhoto, async (c) => {
    const { token, photoId } = c.req.valid("param");
    await guestPhotos.delete(token, photoId, c.req.valid("header")[GUEST_KEY_HEADER]);
    return c.body(null, 204);
  });
}
