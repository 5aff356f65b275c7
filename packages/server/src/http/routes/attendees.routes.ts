import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { EventService } from "../../services/events/event.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { attendeeJson } from "../presenters/event-json.js";
import { bearerSecurity, errorResponses, PageQuerySchema, pageRequestOf } from "./common.schemas.js";
import { AttendeePageSchema, AttendeeParams, EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";

const listAttendees = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/attendees",
    tags: ["attendees"],
    summary: "Who attends the event, earliest first (emails for the organizer only)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, query: PageQuerySchema },
    responses: {
      200: { description: "A page of attendees", ...json(AttendeePageSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const removeAttendee = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/events/{eventId}/attendees/{userId}",
    tags: ["attendees"],
    summary: "Remove an attendee (organizer), or leave the event (one's own user id)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: AttendeeParams },
    responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404) },
  });

/** Attendees of an event: listing, removing, leaving. */
export function registerAttendeeRoutes(
  app: ApiApp,
  deps: { events: EventService; auth: MiddlewareHandler<AppEnv> },
): void {
  const { events, auth } = deps;

  app.openapi(listAttendees(auth), async (c) => {
    const { eventId } = c.req.valid("param");
    const page = await events.listAttendees(principalOf(c), eventId, pageRequestOf(c.req.valid("query")));
    return c.json({ items: page.items.map(attendeeJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(removeAttendee(auth), async (c) => {
    const { eventId, userId } = c.req.valid("param");
    await events.removeAttendee(principalOf(c), eventId, userId);
    return c.body(null, 204);
  });
}
