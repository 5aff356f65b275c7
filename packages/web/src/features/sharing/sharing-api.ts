import type { ApiClient } from "../../api/api-client.js";
import type { InitiateUploadInput, Page, UploadTicket } from "../../api/api-types.js";
import { endpoints } from "../../api/endpoints.js";
import type {
  CreatedGuestLink,
  CreatedShareLink,
  CreateGuestLinkInput,
  CreateShareInput,
  GuestLink,
  GuestLinkInfo,
  ShareLink,
} from "./sharing-types.js";

/** The sharing routes: share links (`/s/{token}`), guest upload links (`/g/{token}`) and the guest's own calls. */
export function sharingApi(api: ApiClient) {
  return {
    createShare: (input: CreateShareInput) =>
      api.call<CreatedShareLink>(endpoints.createShare, { body: { ...input } }),
    listShares: (cursor?: string) => api.call<Page<ShareLink>>(endpoints.listShares, { query: { cursor } }),
    revokeShare: (shareId: string) => api.call<void>(endpoints.revokeShare, { params: { shareId } }),
    createGuestLink: (eventId: string, input: CreateGuestLinkInput) =>
      api.call<CreatedGuestLink>(endpoints.createGuestLink, { params: { eventId }, body: { ...input } }),
    listGuestLinks: (eventId: string, cursor?: string) =>
      api.call<Page<GuestLink>>(endpoints.listGuestLinks, { params: { eventId }, query: { cursor } }),
    revokeGuestLink: (linkId: string) => api.call<void>(endpoints.revokeGuestLink, { params: { linkId } }),
    guestLinkInfo: (token: string) => api.call<GuestLinkInfo>(endpoints.guestLinkInfo, { params: { token } }),
    guestInitiateUpload: (
      token: string,
      input: InitiateUploadInput & { guestName?: string; password?: string },
      signal?: AbortSignal,
    ) =>
      api.call<UploadTicket>(endpoints.guestInitiateUpload, {
        params: { token },
        body: { ...input },
        signal,
      }),
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
