import type { ApiClient } from "../../api/api-client.js";
import { dataOf } from "../../api/http-request.js";
import type { components } from "../../api/schema.gen.js";

export type ApprovalMode = components["schemas"]["Event"]["approvalMode"];
export type ReviewDecision = components["schemas"]["ReviewDecision"]["decision"];
export type ReviewOutcome = components["schemas"]["ReviewResult"]["items"][number]["outcome"];
export type AssignableRole = components["schemas"]["RoleChange"]["role"];

/** The review routes: approval mode, the review queue and its decisions, co-host roles. */
export function reviewApi(api: ApiClient) {
  return {
    setApprovalMode: (eventId: string, mode: ApprovalMode) =>
      api.withToken((http, auth) =>
        dataOf(
          http.PUT("/events/{eventId}/approval-mode", {
            ...auth,
            params: { path: { eventId } },
            body: { mode },
          }),
        ),
      ),
    listWaiting: (eventId: string, cursor?: string) =>
      api.withToken((http, auth) =>
        dataOf(
          http.GET("/events/{eventId}/review", {
            ...auth,
            params: { path: { eventId }, query: { cursor, state: "waiting", limit: 40 } },
          }),
        ),
      ),
    decide: (eventId: string, photoIds: string[], decision: ReviewDecision) =>
      api.withToken((http, auth) =>
        dataOf(
          http.POST("/events/{eventId}/review", {
            ...auth,
            params: { path: { eventId } },
            body: { photoIds, decision },
          }),
        ),
      ),
    setRole: (eventId: string, userId: string, role: AssignableRole) =>
      api.withToken((http, auth) =>
        dataOf(
          http.PUT("/events/{eventId}/attendees/{userId}/role", {
            ...auth,
            params: { path: { eventId, userId } },
            body: { role },
          }),
        ),
      ),
  };
}
