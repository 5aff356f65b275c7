import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { PublicShareService } from "../../services/sharing/public-share.service.js";
import type { SharingService } from "../../services/sharing/sharing.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { principalOf } from "../middleware/require-auth.js";
import { publicShareJson, shareLinkJson } from "../presenters/sharing-json.js";
import { bearerSecurity, errorResponses, PageQuerySchema, pageRequestOf } from "./common.schemas.js";
import { jsonContent as json } from "./json-content.js";
import { PhotoIdParams } from "./photos.schemas.js";
import {
  CreatedShareLinkSchema,
  CreateShareLinkBodySchema,
  PublicShareQuerySchema,
  PublicShareSchema,
  SharedPhotoUrlSchema,
  ShareIdParams,
  ShareLinkPageSchema,
  SharePhotoBodySchema,
  TokenParams,
  UnlockBodySchema,
  UnlockResultSchema,
} from "./sharing.schemas.js";

/** The header that carries a password-protected share's access token (from `…/unlock`). */
export const SHARE_ACCESS_HEADER = "x-share-access";

const sharePhoto = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/photos/{photoId}/share",
    tags: ["sharing"],
    summary: "A time-limited URL to a photo's web-size image (its owner or the event's organizer)",
    security: bearerSecurity,
    middleware: auth,
    request: { params: PhotoIdParams, body: { ...json(SharePhotoBodySchema), required: false } },
    responses: {
      200: { description: "A signed URL", ...json(SharedPhotoUrlSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

const createShare = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "post",
    path: "/shares",
    tags: ["sharing"],
    summary:
      "Make a revocable share link to a photo (its owner or the event's organizer) or an event (its organizer)",
    security: bearerSecurity,
    middleware: auth,
    request: { body: { ...json(CreateShareLinkBodySchema), required: true } },
    responses: {
      201: { description: "The link, with its token (shown only now)", ...json(CreatedShareLinkSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

const listShares = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/shares",
    tags: ["sharing"],
    summary: "The caller's share links, newest first, with their status",
    security: bearerSecurity,
    middleware: auth,
    request: { query: PageQuerySchema },
    responses: {
      200: { description: "A page of links", ...json(ShareLinkPageSchema) },
      ...errorResponses(400, 401),
    },
  });

const revokeShare = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "delete",
    path: "/shares/{shareId}",
    tags: ["sharing"],
    summary: "Revoke one of the caller's share links at once",
    security: bearerSecurity,
    middleware: auth,
    request: { params: ShareIdParams },
    responses: { 204: { description: "Revoked" }, ...errorResponses(401, 404) },
  });

const publicShare = createRoute({
  method: "get",
  path: "/public/shares/{token}",
  tags: ["sharing"],
  summary: "What a share link shows (no account needed): the photo, or a page of the event's ready photos",
  description: `Password-protected links need the access token from \`…/unlock\` in the \`X-Share-Access\` header.`,
  request: { params: TokenParams, query: PublicShareQuerySchema },
  responses: {
    200: { description: "The share", ...json(PublicShareSchema) },
    ...errorResponses(400, 401, 404, 410),
  },
});

const unlockShare = createRoute({
  method: "post",
  path: "/public/shares/{token}/unlock",
  tags: ["sharing"],
  summary: "Check a share link's password; answers a short-lived access token for that link",
  request: { params: TokenParams, body: { ...json(UnlockBodySchema), required: true } },
  responses: {
    200: { description: "Unlocked", ...json(UnlockResultSchema) },
    ...errorResponses(400, 401, 404, 410, 429),
  },
});

/** Sharing by signed-in users, and the public JSON view of a share link. */
export function registerShareRoutes(
  app: ApiApp,
  deps: {
    sharing: SharingService;
    publicShares: PublicShareService;
    auth: MiddlewareHandler<AppEnv>;
    publicUrl: string;
    clientAddress: ClientAddressOf;
  },
): void {
  const { sharing, publicShares, auth, publicUrl, clientAddress } = deps;

  app.openapi(sharePhoto(auth), async (c) => {
    const body = (c.req.header("content-type") ? c.req.valid("json") : undefined) ?? {};
    const shared = await sharing.sharePhoto(principalOf(c), c.req.valid("param").photoId, body);
    return c.json({ url: shared.url, expiresAt: shared.expiresAt.toISOString() }, 200);
  });

  app.openapi(createShare(auth), async (c) => {
    const { expiresAt, ...input } = c.req.valid("json");
    const { link, token } = await sharing.createLink(principalOf(c), {
      ...input,
      ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt) }),
    });
    const view = shareLinkJson({ link, status: "active" });
    return c.json({ ...view, token, url: `${publicUrl}/s/${token}` }, 201);
  });

  app.openapi(listShares(auth), async (c) => {
    const page = await sharing.listLinks(principalOf(c), pageRequestOf(c.req.valid("query")));
    return c.json({ items: page.items.map(shareLinkJson), nextCursor: page.nextCursor ?? null }, 200);
  });

  app.openapi(revokeShare(auth), async (c) => {
    await sharing.revokeLink(principalOf(c), c.req.valid("param").shareId);
    return c.body(null, 204);
  });

  app.openapi(publicShare, async (c) => {
    const { cursor } = c.req.valid("query");
    const grant = c.req.header(SHARE_ACCESS_HEADER);
    const share = await publicShares.open(c.req.valid("param").token, {
      ...(grant === undefined ? {} : { grant }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.json(publicShareJson(share), 200);
  });

  app.openapi(unlockShare, async (c) => {
    const { grant, expiresAt } = await publicShares.unlock(
      c.req.valid("param").token,
      c.req.valid("json").password,
      clientAddress(c),
    );
    return c.json({ accessToken: grant, expiresAt: expiresAt.toISOString() }, 200);
  });
}
