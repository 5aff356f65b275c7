import type { ApiClient } from "../../api/api-client.js";
import { dataOf, noContent } from "../../api/http-request.js";
import type { CreateGuestLinkInput, CreateShareInput, GuestInitiateUploadInput } from "./sharing-types.js";

/** The sharing routes: share links (`/s/{token}`), guest upload links (`/g/{token}`) and the guest's own calls. */
export function sharingApi(api: ApiClient) {
  return {
    createShare: (input: CreateShareInput) =>
      api.withToken((http, auth) => dataOf(http.POST("/shares", { ...auth, body: input }))),
    listShares: (cursor?: string) =>
      api.withToken((http, auth) => dataOf(http.GET("/shares", { ...auth, params: { query: { cursor } } }))),
    revokeShare: (shareId: string) =>
      api.withToken((http, auth) =>
        noContent(http.DELETE("/shares/{shareId}", { ...auth, params: { path: { shareId } } })),
      ),
    createGuestLink: (eventId: string, input: CreateGuestLinkInput) =>
      api.withToken((http, auth) =>
        dataOf(
          http.POST("/events/{eventId}/guest-links", { ...auth, params: { path: { eventId } }, body: input }),
        ),
      ),
    listGuestLinks: (eventId: string, cursor?: string) =>
      api.withToken((http, auth) =>
        dataOf(
          http.GET("/events/{eventId}/guest-links", {
            ...auth,
            params: { path: { eventId }, query: { cursor } },
          }),
        ),
      ),
    revokeGuestLink: (linkId: string) =>
      api.withToken((http, auth) =>
        noContent(http.DELETE("/guest-links/{linkId}", { ...auth, params: { path: { linkId } } })),
      ),
    guestLinkInfo: (token: string) =>
      api.withoutToken((http) => dataOf(http.GET("/guest/{token}", { params: { path: { token } } }))),
    guestInitiateUpload: (token: string, input: GuestInitiateUploadInput, signal?: AbortSignal) =>
      api.withoutToken((http) =>
        dataOf(
          http.POST("/guest/{token}/initiate-upload", { params: { path: { token } }, body: input, signal }),
        ),
      ),
    /** A guest's own upload, by its delete key; with `waitWhilePendingSeconds`, a long poll. */
    guestUploadStatus: (
      token: string,
      photoId: string,
      deleteKey: string,
      waitWhilePendingSeconds?: number,
      signal?: AbortSignal,
    ) =>
      api.withoutToken((http) =>
        dataOf(
          http.GET("/guest/{token}/photos/{photoId}", {
            params: {
              path: { token, photoId },
              header: { "x-guest-key": deleteKey },
              query: { waitWhilePending: waitWhilePendingSeconds },
            },
            signal,
          }),
        ),
      ),
    guestDeletePhoto: (token: string, photoId: string, deleteKey: string) =>
      api.withoutToken((http) =>
        noContent(
          http.DELETE("/guest/{token}/photos/{photoId}", {
            params: { path: { token, photoId }, header: { "x-guest-key": deleteKey } },
          }),
        ),
      ),
  };
}

/** Choices of how long a link lives, the first being the default. */
export const EXPIRY_CHOICES = [
  { label: "24 hours", seconds: 24 * 3600 },
  { label: "1 hour", seconds: 3600 },
  { label: "7 days", seconds: 7 * 24 * 3600 },
  { label: "30 days", seconds: 30 * 24 * 3600 },
] as const;

/** An ISO instant `seconds` from now. */
export function expiresInSeconds(seconds: number, now = Date.now()): string {
  return new Date(now + seconds * 1000).toISOString();
}
