import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { GalleryFilter, GalleryService } from "../../services/gallery/gallery.service.js";
import type { PhotoStatusService } from "../../services/gallery/photo-status.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { photoJson } from "../presenters/photo-json.js";
import { bearerSecurity, errorResponses, pageRequestOf } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import {
  GetPhotoQuerySchema,
  PhotoIdParams,
  PhotoListQuerySchema,
  PhotoPageSchema,
  PhotoSchema,
} from "./photos.schemas.js";

const listEventPhotos = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/photos",
    tags: ["photos"],
    summary:
      "An event's gallery, newest first: the caller's own photos in any status, others' once ready " +
      "(and hidden ones for the organizer: `?status=hidden` is the moderation queue); without `status`, " +
      "photos gone for good (duplicate, rejected, expired) are left out",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, query: PhotoListQuerySchema },
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
    summary:
      "Every photo the caller uploaded (library and events), newest first; without `status`, photos gone " +
      "for good (duplicate, rejected, expired) are left out",
    security: bearerSecurity,
    middleware: auth,
    request: { query: PhotoListQuerySchema },
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
    summary: "One photo the caller may see; optionally waits while it is pending (long poll)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams, query: GetPhotoQuerySchema },
    responses: { 200: { description: "The photo", ...json(PhotoSchema) }, ...errorResponses(400, 401, 404) },
  });

const deletePhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/photos/{photoId}",
    tags: ["photos"],
    summary: "Delete a photo and its variants (its owner, or the organizer of its event)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams },
    responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
  });

const approvePhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/photos/{photoId}/approve",
    tags: ["photos"],
    summary:
      "Approve a photo moderation hid: it becomes ready (the event's organizer; for a library photo, its owner)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams },
    responses: {
      200: { description: "The approved photo", ...json(PhotoSchema) },
      ...errorResponses(401, 403, 404, 409),
    },
  });

const retryPhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/photos/{photoId}/retry",
    tags: ["photos"],
    summary: "Process a failed photo again (its owner): it becomes pending and is queued for the pipeline",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams },
    responses: {
      202: { description: "The photo, pending again", ...json(PhotoSchema) },
      ...errorResponses(401, 403, 404, 409),
    },
  });

/** Galleries, single photos, and the status changes people make (approve, retry). */
export function registerPhotoRoutes(
  app: ApiApp,
  deps: { gallery: GalleryService; photoStatus: PhotoStatusService; auth: MiddlewareHandler<AppEnv> },
): void {
  const { gallery, photoStatus, auth } = deps;

  app.openapi(listEventPhotos(auth), async (c) => {
    const { eventId } = c.req.valid("param");
    const query = c.req.valid("query");
    const page = await gallery.listEventPhotos(
      principalOf(c),
      eventId,
      pageRequestOf(query),
      filterOf(query),
    );
    return c.json({ items: page.items.map(photoJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(listMyPhotos(auth), async (c) => {
    const query = c.req.valid("query");
    const page = await gallery.listMyPhotos(principalOf(c), pageRequestOf(query), filterOf(query));
    return c.json({ items: page.items.map(photoJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(getPhoto(auth), async (c) => {
    const { waitWhilePending } = c.req.valid("query");
    const view = await gallery.getPhoto(principalOf(c), c.req.valid("param").photoId, {
      // The client going away ends the wait, so an abandoned long poll holds nothing.
      ...(waitWhilePending === undefined ? {} : { waitWhilePendingSeconds: waitWhilePending }),
      signal: c.req.raw.signal,
    });
    return c.json(photoJson(view), 200);
  });

  app.openapi(deletePhoto(auth), async (c) => {
    await gallery.deletePhoto(principalOf(c), c.req.valid("param").photoId);
    return c.body(null, 204);
  });

  app.openapi(approvePhoto(auth), async (c) => {
    return c.json(photoJson(await photoStatus.approve(principalOf(c), c.req.valid("param").photoId)), 200);
  });

  app.openapi(retryPhoto(auth), async (c) => {
    return c.json(photoJson(await photoStatus.retry(principalOf(c), c.req.valid("param").photoId)), 202);
  });
}

function filterOf(query: {
  status?: GalleryFilter["status"];
  label?: string;
  labels?: string;
  order?: GalleryFilter["order"];
  uploader?: string;
}): GalleryFilter {
  return {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.label === undefined ? {} : { label: query.label }),
    ...(query.labels === undefined ? {} : { labels: query.labels.split(",").filter((term) => term.trim()) }),
    ...(query.order === undefined ? {} : { order: query.order }),
    ...(query.uploader === undefined ? {} : { uploader: query.uploader }),
  };
}
