import type { components } from "../../api/schema.gen.js";

/** Share links and guest upload links, as generated from `/api/openapi.json` (`npm run api:types`). */
type Schemas = components["schemas"];

export type ShareLink = Schemas["ShareLink"];
export type LinkStatus = ShareLink["status"];
/** Only the answer to creating a link carries its token and URL: the server keeps a hash. */
export type CreatedShareLink = Schemas["CreatedShareLink"];
export type CreateShareInput = Schemas["CreateShareLink"];
export type GuestLink = Schemas["GuestLink"];
export type GuestLinkMode = GuestLink["mode"];
export type CreatedGuestLink = Schemas["CreatedGuestLink"];
export type CreateGuestLinkInput = Schemas["CreateGuestLink"];
/** What a guest upload link allows, for the page a guest opens. */
export type GuestLinkInfo = Schemas["GuestLinkInfo"];
export type GuestInitiateUploadInput = Schemas["GuestInitiateUpload"];
