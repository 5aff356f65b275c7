import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { EventManagementService } from "../../services/events/event-management.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { eventJson } from "../presenters/event-json.js";
import { eventManageJson } from "../presenters/event-manage-json.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import { EventDeletionSchema, UpdateEventBodySchema } from "./event-manage.schemas.js";
import { EventIdParams, EventSchema } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";

const updateEvent = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "patch",
    path: "/events/{eventId}",
    tags: ["events"],
    summary: "Change the event's details, cover photo or upload window (organizer only)",
    description: "Absent fields stay as they are; `null` clears an optional one.",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { ...json(UpdateEventBodySchema), required: true } },
    responses: {
      200: { description: "The event as it is now", ...json(EventSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const deleteEvent = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/events/{eventId}",
    tags: ["events"],
    summary: "Delete the event with everything in it (organizer only)",
    description:
      "The event disappears for everyone at once; a durable job then removes its photos (records, originals, " +
      "variants), share and guest links, attendances and invitations.",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: {
      202: { description: "Deletion accepted; it finishes in the background", ...json(EventDeletionSchema) },
      ...errorResponses(401, 403, 404),
    },
  });

/** Managing an event: edit it, delete it. */
export function registerEventManageRoutes(
  app: ApiApp,
  deps: { manage: EventManagementService; auth: MiddlewareHandler<AppEnv>; publicUrl: string },
): void {
  const { manage, auth, publicUrl } = deps;

  app.openapi(updateEvent(auth), async (c) => {
    const event = await manage.updateSettings(
      principalOf(c),
      c.req.valid("param").eventId,
      c.req.valid("json"),
    );
    return c.json(
      {
        ...eventJson(event, "organizer", publicUrl),
        ...(await eventManageJson(event, manage, { overview: false })),
      },
      200,
    );
  });

  app.openapi(deleteEvent(auth), async (c) => {
    const { eventId } = c.req.valid("param");
    await manage.requestDeletion(principalOf(c), eventId);
    return c.json({ eventId, status: "deleting" as const }, 202);
  });
}
