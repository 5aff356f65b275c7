import type { ApiApp } from "./app-env.js";

/**
 * Serves `GET /api/openapi.json`: an OpenAPI 3.1 document generated from the same zod schemas that validate
 * requests, so it cannot drift from what the API accepts.
 */
export function registerOpenApiDocument(api: ApiApp, options: { publicUrl: string }): void {
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An id token from /api/auth/login (embedded) or Cognito",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Shoebox API",
      version: "0.1.0",
      description: "Event photo uploads: presigned tickets, private galleries, attendance.",
    },
    servers: [{ url: `${options.publicUrl}/api` }],
  });
}
