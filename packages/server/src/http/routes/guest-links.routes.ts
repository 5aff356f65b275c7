import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { RateLimiter } from "../../ports/rate-limiter.js";
import { rateLimitKeys } from "../../services/rate-limit-keys.js";
import type { GuestUploadService } from "../../services/sharing/guest-upload.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { principalOf } from "../middleware/require-auth.js";
import { uploadTicketJson } from "../presenters/photo-json.js";
import { guestLinkInfoJson, guestLinkJson } from "../presenters/sharing-json.js";
import { bearerSecurity, errorResponses, PageQuerySchema, pageRequestOf } from "./common.schemas.js";
import { EventIdParams } from "./events.schemas.js";
import { jsonContent as json } from "./json-content.js";
import { UploadTicketSchema } from "./photos.schemas.js";
import {
  CreatedGuestLinkSchema,
  CreateGuestLinkBodySchema,
  GuestInitiateUploadBodySchema,
  GuestLinkIdParams,
  GuestLinkInfoSchema,
  GuestLinkPageSchema,
  TokenParams,
} from "./sharing.schemas.js";

const createGuestLink = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/events/{eventId}/guest-links",
    tags: ["guest uploads"],
    summary: "Make an upload link for guests without an account (the event's organizer)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, body: { ...json(CreateGuestLinkBodySchema), required: true } },
    responses: {
      201: { description: "The link, with its token (shown only now)", ...json(CreatedGuestLinkSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const listGuestLinks = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/events/{eventId}/guest-links",
    tags: ["guest uploads"],
    summary: "The event's upload links, newest first, with what they were used for (the organizer)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: EventIdParams, query: PageQuerySchema },
    responses: {
      200: { description: "A page of links", ...json(GuestLinkPageSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  });

const revokeGuestLink = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/guest-links/{linkId}",
    tags: ["guest uploads"],
    summary: "Revoke an upload link at once (the event's organizer)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: GuestLinkIdParams },
    responses: { 204: { description: "Revoked" }, ...errorResponses(401, 404) },
  });

const describeGuestLink = createRoute({
  method: "get",
  path: "/guest/{token}",
  tags: ["guest uploads"],
  summary: "What an upload link allows (no account needed): the event's name and what is left",
  request: { params: TokenParams },
  responses: {
    200: { description: "The link", ...json(GuestLinkInfoSchema) },
    ...errorResponses(404, 410),
  },
});

const guestInitiateUpload = createRoute({
  method: "post",
  path: "/guest/{token}/initiate-upload",
  tags: ["guest uploads"],
  summary: "Start uploading a photo through an upload link: the same ticket as signed-in uploads",
  request: { params: TokenParams, body: { ...json(GuestInitiateUploadBodySchema), required: true } },
  responses: {
    201: { description: "A pending photo and its upload ticket", ...json(UploadTicketSchema) },
    ...errorResponses(400, 401, 403, 404, 410, 429),
  },
});

/** Guest-upload links: the organizer's management, and the guests' own (token-only) endpoints. */
export function registerGuestLinkRoutes(
  app: ApiApp,
  deps: {
    guestUploads: GuestUploadService;
    auth: MiddlewareHandler<AppEnv>;
    publicUrl: string;
    clientAddress: ClientAddressOf;
    tickets?: RateLimiter;
  },
): void {
  const { guestUploads, auth, publicUrl, clientAddress } = deps;

  app.openapi(createGuestLink(auth), async (c) => {
    const { expiresAt, revealAt, ...input } = c.req.valid("json");
    const { link, token } = await guestUploads.createLink(principalOf(c), c.req.valid("param").eventId, {
      ...input,
      ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt) }),
      ...(revealAt === undefined ? {} : { revealAt: new Date(revealAt) }),
    });
    return c.json(
      { ...guestLinkJson({ link, status: "active" }), token, url: `${publicUrl}/g/${token}` },
      201,
    );
  });

  app.openapi(listGuestLinks(auth), async (c) => {
    const page = await guestUploads.listLinks(
      principalOf(c),
      c.req.valid("param").eventId,
      pageRequestOf(c.req.valid("query")),
    );
    return c.json({ items: page.items.map(guestLinkJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(revokeGuestLink(auth), async (c) => {
    await guestUploads.revokeLink(principalOf(c), c.req.valid("param").linkId);
    return c.body(null, 204);
  });

  app.openapi(describeGuestLink, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(guestLinkInfoJson(await guestUploads.describe(c.req.valid("param").token)), 200);
  });

  // Guests have no account: their tickets are counted per client address.
  app.openapi(
    guestInitiateUpload,
    rateLimit(
      deps.tickets,
      (c: Context) => rateLimitKeys.guest(clientAddress(c)),
      async (c) => {
        const { photo, ticket, deleteKey } = await guestUploads.initiateUpload(
          c.req.valid("param").token,
          c.req.valid("json"),
          clientAddress(c),
        );
        return c.json(uploadTicketJson(photo.id, ticket, deleteKey), 201);
      },
    ),
  );
}
