import type { components, paths } from "./schema.gen.js";

/**
 * The API's shapes under the names the features use, all taken from `schema.gen.ts` (generated from the
 * server's `/api/openapi.json` by `npm run api:types`), so a change on the server shows up here as a type error.
 */
type Schemas = components["schemas"];

export type Tokens = Schemas["Tokens"];
export type Me = Schemas["Me"];
export type ShoeboxEvent = Schemas["Event"];
export type EventRole = ShoeboxEvent["role"];
export type CreateEventInput = Schemas["CreateEvent"];
export type Attendee = Schemas["Attendee"];
export type Photo = Schemas["Photo"];
export type PhotoStatus = Photo["status"];
export type PhotoLabel = Schemas["PhotoLabel"];
export type EventLabel = Schemas["EventLabels"]["labels"][number];
export type PhotoListQuery = NonNullable<paths["/photos"]["get"]["parameters"]["query"]>;
export type InitiateUploadInput = Schemas["InitiateUpload"];
/** Where the bytes go: a presigned POST form, or a presigned PUT with headers it must carry. */
export type UploadTicket = Schemas["UploadTicket"];

/** `{items, nextCursor}`: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
