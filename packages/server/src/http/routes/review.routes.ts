import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AttendeeRoleService } from "../../services/events/attendee-roles.service.js";
import type { ReviewService } from "../../services/review/review.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { attendeeJson, eventJson } from "../presenters/event-json.js";
import { photoJson } from "../presenters/photo-json.js";
import { bearerSecurity, errorResponses, pageRequestOf } from "./common.schemas.js";
import { AttendeeParams, AttendeeSchema, EventIdParams, EventSchema } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import { PhotoPageSchema } from "./photos.schemas.js";
import {
  ApprovalModeBodySchema,
  ReviewDecisionBodySchema,
  ReviewQuerySchema,
  ReviewResultSchema,
  RoleBodySchema,
} from "./review.schemas.js";

const setRole = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "put",
    path: "/events/{eventId}/attendees/{userId}/role",
    tags: ["attendees"],
    summary: "Make an attendee a co-host, or a co-host an attendee again (the organizer only)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: AttendeeParams, body: { required: true, ...json(RoleBodySchema) } },
    responses: {
      200: { description: "The attendee with their new role", ...json(AttendeeSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const setApprovalMode = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "put",
    path: "/events/{eventId}/approval-mode",
    tags: ["review"],
    summary: "Set whose new uploads wait in Review (the organizer only)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { required: true, ...json(ApprovalModeBodySchema) } },
    responses: {
      200: { description: "The event", ...json(EventSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const listReview = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/review",
    tags: ["review"],
    summary: "Photos waiting for review (or rejected), processed, newest first (the organizer and co-hosts)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, query: ReviewQuerySchema },
    responses: {
      200: { description: "A page of photos", ...json(PhotoPageSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const decide = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/review",
    tags: ["review"],
    summary:
      "Approve (it appears in the gallery) or reject (only reviewers see it) one or more photos " +
      "(the organizer and co-hosts); each photo is decided on its own",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { required: true, ...json(ReviewDecisionBodySchema) } },
    responses: {
      200: { description: "What happened to each photo", ...json(ReviewResultSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

/** Co-hosts, approval mode and the review queue. */
export function registerReviewRoutes(
  app: ApiApp,
  deps: {
    review: ReviewService;
    roles: AttendeeRoleService;
    auth: MiddlewareHandler<AppEnv>;
    publicUrl: string;
  },
): void {
  const { review, roles, auth, publicUrl } = deps;

  app.openapi(setRole(auth), async (c) => {
    const { eventId, userId } = c.req.valid("param");
    const attendance = await roles.setRole(principalOf(c), eventId, userId, c.req.valid("json").role);
    return c.json(attendeeJson(attendance), 200);
  });

  app.openapi(setApprovalMode(auth), async (c) => {
    const event = await review.setApprovalMode(
      principalOf(c),
      c.req.valid("param").eventId,
      c.req.valid("json").mode,
    );
    return c.json(eventJson(event, "organizer", publicUrl), 200);
  });

  app.openapi(listReview(auth), async (c) => {
    const { eventId } = c.req.valid("param");
    const query = c.req.valid("query");
    const page = await review.listQueue(
      principalOf(c),
      eventId,
      query.state ?? "waiting",
      pageRequestOf(query),
    );
    return c.json({ items: page.items.map(photoJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(decide(auth), async (c) => {
    const { photoIds, decision } = c.req.valid("json");
    const items = await review.decide(principalOf(c), c.req.valid("param").eventId, photoIds, decision);
    return c.json({ items }, 200);
  });
}
