import type { ApiClient } from "../../api/api-client.js";
import { dataOf } from "../../api/http-request.js";
import type { components } from "../../api/schema.gen.js";

export type InvitePreview = components["schemas"]["InvitePreview"];
export type GuestPhoto = components["schemas"]["GuestPhoto"];

/** The public routes behind the join page and the guest's view of an event (no account needed). */
export function inviteApi(api: ApiClient) {
  return {
    preview: (code: string) =>
      api.withoutToken((http) => dataOf(http.GET("/invites/{code}", { params: { path: { code } } }))),
    guestPhotos: (token: string, options: { mine?: string[]; password?: string } = {}) =>
      api.withoutToken((http) =>
        dataOf(
          http.GET("/guest/{token}/photos", {
            params: {
              path: { token },
              query: options.mine ? { mine: options.mine.join(",") } : {},
              header: options.password ? { "x-link-password": options.password } : {},
            },
          }),
        ),
      ),
  };
}
