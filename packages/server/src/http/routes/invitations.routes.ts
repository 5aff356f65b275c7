import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { EventService } from "../../services/events/event.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { eventSummaryJson, invitationJson } from "../presenters/event-json.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import {
  EventIdParams,
  InvitationListSchema,
  InviteBodySchema,
  MyInvitationListSchema,
} from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";

const invite = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/invitations",
    tags: ["invitations"],
    summary: "Invite people by email (organizer only); they join with POST /events/{eventId}/join",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { ...json(InviteBodySchema), required: true } },
    responses: {
      201: { description: "The invitations", ...json(InvitationListSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const listMine = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/invitations",
    tags: ["invitations"],
    summary: "Invitations to the caller's email for events not joined yet",
    security: bearerSecurity,
    middleware: auth,
    responses: {
      200: { description: "The invitations", ...json(MyInvitationListSchema) },
      ...errorResponses(401),
    },
  });

/** Email invitations: sending them (organizer) and listing one's own. */
export function registerInvitationRoutes(
  app: ApiApp,
  deps: { events: EventService; auth: MiddlewareHandler<AppEnv> },
): void {
  const { events, auth } = deps;

  app.openapi(invite(auth), async (c) => {
    const invitations = await events.invite(
      principalOf(c),
      c.req.valid("param").eventId,
      c.req.valid("json").emails,
    );
    return c.json({ items: invitations.map(invitationJson) }, 201);
  });

  app.openapi(listMine(auth), async (c) => {
    const found = await events.listInvitationsForMe(principalOf(c));
    const items = found.map(({ event, invitation }) => ({
      event: eventSummaryJson(event),
      invitation: invitationJson(invitation),
    }));
    return c.json({ items }, 200);
  });
}
