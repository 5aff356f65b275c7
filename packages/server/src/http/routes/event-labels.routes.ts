import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { GalleryService } from "../../services/gallery/gallery.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";

export const EventLabelsSchema = z
  .object({
    labels: z.array(
      z.object({
        name: z.string().openapi({ example: "horse" }),
        count: z.number().int().min(1).openapi({ description: "How many of the event's photos carry it" }),
      }),
    ),
  })
  .openapi("EventLabels");

const listEventLabels = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/labels",
    tags: ["photos"],
    summary:
      "The labels on the event's photos with how many carry each, most common first (at most 100): " +
      "suggestions for `?labels=` on the gallery. Counts include photos the caller may not see yet",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: {
      200: { description: "The event's labels", ...json(EventLabelsSchema) },
      ...errorResponses(401, 403, 404),
    },
  });

/** Label suggestions for an event's search box. */
export function registerEventLabelRoutes(
  app: ApiApp,
  deps: { gallery: GalleryService; auth: MiddlewareHandler<AppEnv> },
): void {
  app.openapi(listEventLabels(deps.auth), async (c) => {
    const labels = await deps.gallery.listEventLabels(principalOf(c), c.req.valid("param").eventId);
    return c.json({ labels }, 200);
  });
}
