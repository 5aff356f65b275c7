import { loadConfig } from "../config/load-config.js";
import type { Logger } from "../ports/logger.js";
import { createApp } from "./app.js";
import type { AppDeps } from "./app-env.js";

/**
 * The `/api/openapi.json` the embedded host serves with its default settings (every route mounted: auth,
 * sharing, guest uploads), rendered in memory without a server, a database or a store. The web client's
 * types are generated from it (`npm run api:types`).
 */
export async function renderOpenApiDocument(): Promise<unknown> {
  const config = loadConfig({});
  const app = createApp(documentOnlyDeps(config.http.publicUrl, config.uploads.maxDirectUploadBytes));
  const response = await app.request("/api/openapi.json");
  if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  return response.json();
}

/** Services the document lists routes for but never calls: touching one is a bug, so it throws. */
function documentOnlyDeps(publicUrl: string, maxDirectUploadBytes: number): AppDeps {
  return {
    events: unused("events"),
    eventManagement: unused("eventManagement"),
    uploads: unused("uploads"),
    gallery: unused("gallery"),
    photoStatus: unused("photoStatus"),
    review: unused("review"),
    roles: unused("roles"),
    tokenVerifier: unused("tokenVerifier"),
    accounts: unused("accounts"),
    sharing: {
      sharing: unused("sharing"),
      publicShares: unused("publicShares"),
      guestUploads: unused("guestUploads"),
      guestGallery: unused("guestGallery"),
      guestPhotos: unused("guestPhotos"),
    },
    invitePreviews: unused("invitePreviews"),
    logger: silentLogger,
    publicUrl,
    limits: { maxDirectUploadBytes },
  };
}

function unused<T>(name: string): T {
  const refuse = (_: object, property: string | symbol) => {
    throw new Error(`${name}.${String(property)} was used while rendering the OpenAPI document`);
  };
  return new Proxy({}, { get: refuse }) as T;
}

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
