import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppDeps, AppEnv } from "./app-env.js";
import { errorResponse, validationHook } from "./error-mapping.js";
import { HttpError } from "./http-error.js";
import { jsonBodyGuard } from "./middleware/json-body-guard.js";
import { requestContext } from "./middleware/request-context.js";
import { requireAuth } from "./middleware/require-auth.js";
import { registerOpenApiDocument } from "./openapi-document.js";
import { registerAttendeeRoutes } from "./routes/attendees.routes.js";
import { registerAuthRoutes } from "./routes/auth.routes.js";
import { registerEventRoutes } from "./routes/events.routes.js";
import { registerInvitationRoutes } from "./routes/invitations.routes.js";
import { registerMeRoutes } from "./routes/me.routes.js";
import { registerPhotoRoutes } from "./routes/photos.routes.js";
import { registerUploadRoutes } from "./routes/uploads.routes.js";

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

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
      cors({
        origin: [...deps.corsOrigins],
        allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
        exposeHeaders: ["X-Request-Id", "Retry-After"],
        maxAge: 600,
      }),
    );
  }
  app.use("/api/*", jsonBodyGuard(deps.limits.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES));
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) =>
    errorResponse(c, new HttpError(404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.route("/api", createApi(deps));
  return app;
}

/** The `/api` routes, relative to `/api`, as the OpenAPI document lists them. */
function createApi(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const auth = requireAuth(deps.tokenVerifier);
  if (deps.accounts) registerAuthRoutes(api, { accounts: deps.accounts });
  registerMeRoutes(api, { auth });
  registerEventRoutes(api, { events: deps.events, auth, publicUrl: deps.publicUrl });
  registerInvitationRoutes(api, { events: deps.events, auth });
  registerAttendeeRoutes(api, { events: deps.events, auth });
  registerUploadRoutes(api, {
    uploads: deps.uploads,
    gallery: deps.gallery,
    auth,
    maxDirectUploadBytes: deps.limits.maxDirectUploadBytes,
  });
  registerPhotoRoutes(api, { gallery: deps.gallery, photoStatus: deps.photoStatus, auth });
  registerOpenApiDocument(api, { publicUrl: deps.publicUrl });
  return api;
}
