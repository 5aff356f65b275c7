import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { RateLimiter } from "../../ports/rate-limiter.js";
import type { InvitePreviewService } from "../../services/events/invite-preview.service.js";
import { rateLimitKeys } from "../../services/rate-limit-keys.js";
import type { ApiApp } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { errorResponses } from "./common.schemas.js";
import { InviteCodeParams, InvitePreviewSchema } from "./invite-preview.schemas.js";
import { jsonContent as json } from "./json-content.js";

const previewInvite = createRoute({
  method: "get",
  path: "/invites/{code}",
  tags: ["invitations"],
  summary:
    "What an invite code joins (no account needed): the event's name, date, organizer and cover thumbnail; nothing else",
  request: { params: InviteCodeParams },
  responses: {
    200: { description: "The preview", ...json(InvitePreviewSchema) },
    ...errorResponses(404, 429),
  },
});

/** The join page's public preview, limited per client address so that codes cannot be mined through it. */
export function registerInvitePreviewRoutes(
  app: ApiApp,
  deps: { invitePreviews: InvitePreviewService; clientAddress: ClientAddressOf; limiter?: RateLimiter },
): void {
  app.openapi(
    previewInvite,
    rateLimit(
      deps.limiter,
      (c: Context) => rateLimitKeys.invitePreview(deps.clientAddress(c)),
      async (c) => {
        const preview = await deps.invitePreviews.preview(c.req.valid("param").code);
        c.header("Cache-Control", "no-store");
        return c.json(
          {
            eventName: preview.eventName,
            startsAt: preview.startsAt ?? null,
            organizerName: preview.organizerName ?? null,
            coverUrl: preview.coverUrl ?? null,
          },
          200,
        );
      },
    ),
  );
}
