/**
 * Every API route the client calls, with the path parameters, query parameters and body fields it may
 * send. The request helper refuses anything not declared here, and `openapi-contract.test.ts` checks each
 * entry against the server's `/api/openapi.json`, so a route that drifts fails a test, not a user.
 */
export interface Endpoint {
  method: "GET" | "POST" | "DELETE";
  /** Relative to the API base (`/api`), with `{name}` placeholders as in the OpenAPI document. */
  path: string;
  query?: readonly string[];
  body?: readonly string[];
  /** Whether it needs the bearer token. */
  auth: boolean;
}

const photoListQuery = ["limit", "cursor", "label", "status"] as const;
const uploadFields = ["filename", "contentType", "size", "title", "description", "method"] as const;

export const endpoints = {
  signUp: { method: "POST", path: "/auth/signup", body: ["email", "password", "name"], auth: false },
  confirmSignUp: { method: "POST", path: "/auth/confirm", body: ["email", "code", "password"], auth: false },
  resendConfirmation: { method: "POST", path: "/auth/resend-confirmation", body: ["email"], auth: false },
  signIn: { method: "POST", path: "/auth/login", body: ["email", "password"], auth: false },
  refresh: { method: "POST", path: "/auth/refresh", body: ["refreshToken"], auth: false },
  me: { method: "GET", path: "/me", auth: true },
  listEvents: { method: "GET", path: "/events", query: ["limit", "cursor"], auth: true },
  createEvent: { method: "POST", path: "/events", body: ["name", "description", "startsAt"], auth: true },
  getEvent: { method: "GET", path: "/events/{eventId}", auth: true },
  rotateInviteCode: { method: "POST", path: "/events/{eventId}/invite-code", auth: true },
  joinWithCode: { method: "POST", path: "/events/join", body: ["inviteCode"], auth: true },
  listAttendees: {
    method: "GET",
    path: "/events/{eventId}/attendees",
    query: ["limit", "cursor"],
    auth: true,
  },
  removeAttendee: { method: "DELETE", path: "/events/{eventId}/attendees/{userId}", auth: true },
  initiateEventUpload: {
    method: "POST",
    path: "/events/{eventId}/photos/initiate-upload",
    body: uploadFields,
    auth: true,
  },
  initiateLibraryUpload: { method: "POST", path: "/photos/initiate-upload", body: uploadFields, auth: true },
  listEventPhotos: { method: "GET", path: "/events/{eventId}/photos", query: photoListQuery, auth: true },
  listMyPhotos: { method: "GET", path: "/photos", query: photoListQuery, auth: true },
  getPhoto: { method: "GET", path: "/photos/{photoId}", query: ["waitWhilePending"], auth: true },
  deletePhoto: { method: "DELETE", path: "/photos/{photoId}", auth: true },
  approvePhoto: { method: "POST", path: "/photos/{photoId}/approve", auth: true },
  retryPhoto: { method: "POST", path: "/photos/{photoId}/retry", auth: true },
  createShare: {
    method: "POST",
    path: "/shares",
    body: ["photoId", "eventId", "expiresAt", "password", "allowDownload"],
    auth: true,
  },
  listShares: { method: "GET", path: "/shares", query: ["limit", "cursor"], auth: true },
  revokeShare: { method: "DELETE", path: "/shares/{shareId}", auth: true },
  createGuestLink: {
    method: "POST",
    path: "/events/{eventId}/guest-links",
    body: ["expiresAt", "password", "maxUploads", "maxBytes"],
    auth: true,
  },
  listGuestLinks: {
    method: "GET",
    path: "/events/{eventId}/guest-links",
    query: ["limit", "cursor"],
    auth: true,
  },
  revokeGuestLink: { method: "DELETE", path: "/guest-links/{linkId}", auth: true },
  guestLinkInfo: { method: "GET", path: "/guest/{token}", auth: false },
  guestInitiateUpload: {
    method: "POST",
    path: "/guest/{token}/initiate-upload",
    body: [...uploadFields, "guestName", "password"],
    auth: false,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
