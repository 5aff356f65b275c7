import type { ApiClient } from "../../api/api-client.js";
import { dataOf } from "../../api/http-request.js";
import type { components } from "../../api/schema.gen.js";

export type UpdateEventInput = components["schemas"]["UpdateEvent"];
export type UploadWindow = components["schemas"]["UploadWindow"];

/** Managing an event (organizer only): change its details, cover and upload window; delete it. */
export function manageApi(api: ApiClient) {
  return {
    updateEvent: (eventId: string, input: UpdateEventInput) =>
      api.withToken((http, auth) =>
        dataOf(http.PATCH("/events/{eventId}", { ...auth, params: { path: { eventId } }, body: input })),
      ),
    deleteEvent: (eventId: string) =>
      api.withToken((http, auth) =>
        dataOf(http.DELETE("/events/{eventId}", { ...auth, params: { path: { eventId } } })),
      ),
  };
}

/** `datetime-local` input value ("2026-07-01T18:00", the browser's zone) of an ISO time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An ISO time (UTC) from a `datetime-local` value; `null` clears the setting. */
export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}
