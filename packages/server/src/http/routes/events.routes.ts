import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { EventService } from "../../services/events/event.service.js";
import type { EventManagementService } from "../../services/events/event-management.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { eventJson } from "../presenters/event-json.js";
import { eventManageJson } from "../presenters/event-manage-json.js";
import { bearerSecurity, errorResponses, PageQuerySchema, pageRequestOf } from "./common.schemas.js";
import {
  CreateEventBodySchema,
  EventIdParams,
  EventPageSchema,
  EventSchema,
  JoinWithCodeBodySchema,
} from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";

const createEvent = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events",
    tags: ["events"],
    summary: "Create an event; the caller becomes its organizer",
    security: bearerSecurity,
    middleware: auth,
    request: { body: { ...json(CreateEventBodySchema), required: true } },
    responses: { 201: { description: "The new event", ...json(EventSchema) }, ...errorResponses(400, 401) },
  });

const listEvents = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events",
    tags: ["events"],
    summary: "Events the caller attends or organizes, most recently joined first",
    security: bearerSecurity,
    middleware: auth,
    request: { query: PageQuerySchema },
    responses: {
      200: { description: "A page of events", ...json(EventPageSchema) },
      ...errorResponses(400, 401),
    },
  });

const getEvent = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}",
    tags: ["events"],
    summary: "One event the caller attends",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: { 200: { description: "The event", ...json(EventSchema) }, ...errorResponses(401, 403, 404) },
  });

const rotateInviteCode = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/invite-code",
    tags: ["events"],
    summary: "Replace the event's invite code (organizer only); the old code stops working",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: {
      200: { description: "The event with its new code", ...json(EventSchema) },
      ...errorResponses(401, 403, 404),
    },
  });

const joinWithCode = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/join",
    tags: ["events"],
    summary: "Join an event with its invite code (idempotent)",
    security: bearerSecurity,
    middleware: auth,
    request: { body: { ...json(JoinWithCodeBodySchema), required: true } },
    responses: {
      200: { description: "The joined event", ...json(EventSchema) },
      ...errorResponses(400, 401, 404),
    },
  });

const joinByInvitation = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/join",
    tags: ["events"],
    summary: "Join an event the caller's email was invited to",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams },
    responses: {
      200: { description: "The joined event", ...json(EventSchema) },
      ...errorResponses(401, 404),
    },
  });

/** Events: create, list, read, rotate the invite code, join by code or invitation. */
export function registerEventRoutes(
  app: ApiApp,
  deps: {
    events: EventService;
    auth: MiddlewareHandler<AppEnv>;
    publicUrl: string;
    manage?: EventManagementService;
  },
): void {
  const { events, auth, publicUrl, manage } = deps;

  app.openapi(createEvent(auth), async (c) => {
    const event = await events.create(principalOf(c), c.req.valid("json"));
    return c.json(eventJson(event, "organizer", publicUrl), 201);
  });

  app.openapi(listEvents(auth), async (c) => {
    const page = await events.listMine(principalOf(c), pageRequestOf(c.req.valid("query")));
    return c.json(
      {
        items: await Promise.all(
          page.items.map(async ({ event, role }) => ({
            ...eventJson(event, role, publicUrl),
            ...(await eventManageJson(event, manage, { overview: true })),
          })),
        ),
        nextCursor: page.nextCursor ?? null,
      },
      200,
    );
  });

  app.openapi(getEvent(auth), async (c) => {
    const { event, role } = await events.get(principalOf(c), c.req.valid("param").eventId);
    return c.json(
      {
        ...eventJson(event, role, publicUrl),
        ...(await eventManageJson(event, manage, { overview: false })),
      },
      200,
    );
  });

  app.openapi(rotateInviteCode(auth), async (c) => {
    const event = await events.rotateInviteCode(principalOf(c), c.req.valid("param").eventId);
    return c.json(eventJson(event, "organizer", publicUrl), 200);
  });

  app.openapi(joinWithCode(auth), async (c) => {
    const { event, role } = await events.joinWithCode(principalOf(c), c.req.valid("json").inviteCode);
    return c.json(eventJson(event, role, publicUrl), 200);
  });

  app.openapi(joinByInvitation(auth), async (c) => {
    const { event, role } = await events.joinByInvitation(principalOf(c), c.req.valid("param").eventId);
    return c.json(eventJson(event, role, publicUrl), 200);
  });
}
