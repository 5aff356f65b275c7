import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppDeps, AppEnv } from "./app-env.js";
import { errorResponse, validationHook } from "./error-mapping.js";
import { HttpError } from "./http-error.js";
import { apiCors } from "./middleware/api-cors.js";
import { jsonBodyGuard } from "./middleware/json-body-guard.js";
import { requestContext } from "./middleware/request-context.js";
import { requireAuth } from "./middleware/require-auth.js";
import { responseConformance } from "./middleware/response-conformance.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { registerOpenApiDocument } from "./openapi-document.js";
import { registerSharePage } from "./pages/share-page.js";
import { registerAttendeeRoutes } from "./routes/attendees.routes.js";
import { registerAttributionRoutes } from "./routes/attribution.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerEventLabelRoutes } from "./routes/event-labels.routes.js";
import { registerEventManageRoutes } from "./routes/event-manage.routes.js";
import { registerEventRoutes } from "./routes/events.routes.js";
import { registerGuestGalleryRoutes } from "./routes/guest-gallery.routes.js";
import { registerGuestLinkRoutes } from "./routes/guest-links.routes.js";
import { registerInvitationRoutes } from "./routes/invitations.routes.js";
import { registerInvitePreviewRoutes } from "./routes/invite-preview.routes.js";
import { registerMeRoutes } from "./routes/me.routes.js";
import { registerPhotoRoutes } from "./routes/photos.routes.js";
import { registerReviewRoutes } from "./routes/review.routes.js";
import { registerShareRoutes } from "./routes/shares.routes.js";
import { registerUploadRoutes } from "./routes/uploads.routes.js";

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;
/** The share page's password form is the only body the pages read. */
const MAX_FORM_BYTES = 4 * 1024;
const unknownClient = () => "unknown";

/**
 * Builds Shoebox's HTTP API (everything under `/api`) for any runtime: the embedded host serves it with
 * `@hono/node-server`, Lambda through hono's API Gateway adapter. Starts nothing itself.
 *
 * @example
 * const app = createApp({ events, uploads, gallery, photoStatus, tokenVerifier, accounts, logger, publicUrl, limits });
 * const res = await app.request("/api/me", { headers: { authorization: `Bearer ${idToken}` } });
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestContext(deps.logger));
  if (deps.onResponseMismatch) app.use("/api/*", responseConformance(app, deps.onResponseMismatch));
  app.use(securityHeaders(deps.webAppOrigins ?? { uploadOrigins: [] }));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) =>
        c.json({ error: { code: "METHOD_NOT_ALLOWED", message: `Use ${allowed.join(", ")}` } }, 405, {
          Allow: allowed.join(", "),
        }),
    }),
  );
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    app.use(
      "/api/*",
      apiCors({
        origins: deps.corsOrigins,
        allowHeaders: ["Authorization", "Content-Type", "X-Request-Id", "X-Share-Access", "X-Guest-Key"],
        exposeHeaders: ["X-Request-Id", "Retry-After"],
        maxAgeSeconds: 600,
      }),
    );
  }
  app.use("/api/*", jsonBodyGuard(deps.limits.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES));
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) =>
    errorResponse(c, new HttpError(404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.route("/api", createApi(deps));
  if (deps.sharing) {
    app.use(
      "/s/*",
      bodyLimit({
        maxSize: MAX_FORM_BYTES,
        onError: () => {
          throw new HttpError(413, "PAYLOAD_TOO_LARGE", "The form is too large");
        },
      }),
    );
    const clientAddress = deps.clientAddress ?? unknownClient;
    registerSharePage(app, {
      publicShares: deps.sharing.publicShares,
      clientAddress,
      secureCookies: deps.publicUrl.startsWith("https:"),
    });
  }
  return app;
}

/** The `/api` routes, relative to `/api`, as the OpenAPI document lists them. */
function createApi(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const auth = requireAuth(deps.tokenVerifier);
  const clientAddress = deps.clientAddress ?? unknownClient;
  const limits = deps.rateLimits ?? {};
  if (deps.accounts) registerAuthRoutes(api, { accounts: deps.accounts, limits, clientAddress });
  registerMeRoutes(api, { auth });
  registerEventRoutes(api, {
    events: deps.events,
    auth,
    publicUrl: deps.publicUrl,
    ...(deps.eventManagement ? { manage: deps.eventManagement } : {}),
  });
  if (deps.eventManagement) {
    registerEventManageRoutes(api, { manage: deps.eventManagement, auth, publicUrl: deps.publicUrl });
  }
  registerInvitationRoutes(api, { events: deps.events, auth });
  registerAttendeeRoutes(api, { events: deps.events, auth });
  if (deps.invitePreviews) {
    const { invitePreviews } = deps;
    registerInvitePreviewRoutes(api, { invitePreviews, clientAddress, limiter: limits.invitePreviews });
  }
  registerUploadRoutes(api, {
    uploads: deps.uploads,
    gallery: deps.gallery,
    auth,
    maxDirectUploadBytes: deps.limits.maxDirectUploadBytes,
    ...(limits.tickets === undefined ? {} : { tickets: limits.tickets }),
  });
  registerPhotoRoutes(api, { gallery: deps.gallery, photoStatus: deps.photoStatus, auth });
  registerReviewRoutes(api, { review: deps.review, roles: deps.roles, auth, publicUrl: deps.publicUrl });
  registerEventLabelRoutes(api, { gallery: deps.gallery, auth });
  registerAttributionRoutes(api, {
    gallery: deps.gallery,
    auth,
    ...(deps.sharing ? { guestPhotos: deps.sharing.guestPhotos } : {}),
  });
  if (deps.sharing) {
    const { publicUrl } = deps;
    registerShareRoutes(api, { ...deps.sharing, auth, publicUrl, clientAddress });
    registerGuestLinkRoutes(api, {
      guestUploads: deps.sharing.guestUploads,
      auth,
      publicUrl,
      clientAddress,
      ...(limits.tickets === undefined ? {} : { tickets: limits.tickets }),
    });
    if (deps.sharing.guestGallery) {
      registerGuestGalleryRoutes(api, { guestGallery: deps.sharing.guestGallery, clientAddress });
    }
  }
  registerOpenApiDocument(api, { publicUrl: deps.publicUrl });
  return api;
}
