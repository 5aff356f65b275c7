import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { GalleryService } from "../../services/gallery/gallery.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { photoJson } from "../presenters/photo-json.js";
import { bearerSecurity, errorResponses, PageQuerySchema, pageRequestOf } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import { PhotoIdParams, PhotoPageSchema, PhotoSchema } from "./photos.schemas.js";

const listEventPhotos = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/photos",
    tags: ["photos"],
    summary: "An event's gallery, newest first: the caller's own photos in any status, others' once ready",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, query: PageQuerySchema },
    responses: {
      200: { description: "A page of photos", ...json(PhotoPageSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const listMyPhotos = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/photos",
    tags: ["photos"],
    summary: "Every photo the caller uploaded (library and events), newest first",
    security: bearerSecurity,
    middleware: auth,
    request: { query: PageQuerySchema },
    responses: {
      200: { description: "A page of photos", ...json(PhotoPageSchema) },
      ...errorResponses(400, 401),
    },
  });

const getPhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/photos/{photoId}",
    tags: ["photos"],
    summary: "One photo the caller may see",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams },
    responses: { 200: { description: "The photo", ...json(PhotoSchema) }, ...errorResponses(401, 404) },
  });

const deletePhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/photos/{photoId}",
    tags: ["photos"],
    summary: "Delete a photo (its owner, or the organizer of its event)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams },
    responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
  });

/** Galleries and single photos. */
export function registerPhotoRoutes(
  app: ApiApp,
  deps: { gallery: GalleryService; auth: MiddlewareHandler<AppEnv> },
): void {
  const { gallery, auth } = deps;

  app.openapi(listEventPhotos(auth), async (c) => {
    const { eventId } = c.req.valid("param");
    const page = await gallery.listEventPhotos(principalOf(c), eventId, pageRequestOf(c.req.valid("query")));
    return c.json({ items: page.items.map(photoJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(listMyPhotos(auth), async (c) => {
    const page = await gallery.listMyPhotos(principalOf(c), pageRequestOf(c.req.valid("query")));
    return c.json({ items: page.items.map(photoJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(getPhoto(auth), async (c) => {
    return c.json(photoJson(await gallery.getPhoto(principalOf(c), c.req.valid("param").photoId)), 200);
  });

  app.openapi(deletePhoto(auth), async (c) => {
    await gallery.deletePhoto(principalOf(c), c.req.valid("param").photoId);
    return c.body(null, 204);
  });
}
