import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ApiApp, AppEnv } from "../app-env.js";
import { principalOf } from "../middleware/require-auth.js";
import { bearerSecurity, errorResponses } from "./common.schemas.js";
import { jsonContent as json } from "./json-content.js";

const MeSchema = z
  .object({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable() })
  .openapi("Me");

const me = (auth: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: "get",
    path: "/me",
    tags: ["account"],
    summary: "Who the bearer token says the caller is",
    security: bearerSecurity,
    middleware: auth,
    responses: { 200: { description: "The caller", ...json(MeSchema) }, ...errorResponses(401) },
  });

/** The signed-in caller, as the API sees them. */
export function registerMeRoutes(app: ApiApp, deps: { auth: MiddlewareHandler<AppEnv> }): void {
  app.openapi(me(deps.auth), (c) => {
    const principal = principalOf(c);
    return c.json(
      { userId: principal.userId, email: principal.email ?? null, name: principal.name ?? null },
      200,
    );
  });
}
