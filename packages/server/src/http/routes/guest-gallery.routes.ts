import { createRoute } from "@hono/zod-openapi";
import type { GuestGalleryService } from "../../services/sharing/guest-gallery.service.js";
import type { ApiApp } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { guestPhotoJson } from "../presenters/sharing-json.js";
import { errorResponses } from "./common.schemas.js";
import { jsonContent as json } from "./json-content.js";
import {
  GuestPasswordHeaders,
  GuestPhotoPageSchema,
  GuestPhotosQuerySchema,
  TokenParams,
} from "./sharing.schemas.js";

const listGuestPhotos = createRoute({
  method: "get",
  path: "/guest/{token}/photos",
  tags: ["guest uploads"],
  summary:
    "What a guest may see through an upload link: the event's photos when its mode opens the gallery, or (`mine`) their own uploads",
  request: { params: TokenParams, query: GuestPhotosQuerySchema, headers: GuestPasswordHeaders },
  responses: {
    200: { description: "A page of photos", ...json(GuestPhotoPageSchema) },
    ...errorResponses(400, 401, 403, 404, 410, 429),
  },
});

/** The guest's view of the event, by the link's mode (`domain/guest-link-mode.ts`). */
export function registerGuestGalleryRoutes(
  app: ApiApp,
  deps: { guestGallery: GuestGalleryService; clientAddress: ClientAddressOf },
): void {
  app.openapi(listGuestPhotos, async (c) => {
    const { token } = c.req.valid("param");
    const { cursor, mine } = c.req.valid("query");
    const password = c.req.valid("header")["x-link-password"];
    const access = { clientAddress: deps.clientAddress(c), ...(password ? { password } : {}) };
    c.header("Cache-Control", "no-store");
    if (mine !== undefined) {
      const ids = mine.split(",").filter(Boolean);
      const photos = await deps.guestGallery.listOwnUploads(token, ids, access);
      return c.json({ items: photos.map(guestPhotoJson), nextCursor: null }, 200);
    }
    const page = await deps.guestGallery.listEventPhotos(
      token,
      { limit: 60, ...(cursor === undefined ? {} : { cursor }) },
      access,
    );
    return c.json({ items: page.photos.map(guestPhotoJson), nextCursor: page.nextCursor ?? null }, 200);
  });
}
