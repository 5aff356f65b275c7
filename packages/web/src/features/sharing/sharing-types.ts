/** Share links and guest upload links, as `/api/openapi.json` describes them. */

export type LinkStatus = "active" | "expired" | "revoked";

export interface ShareLink {
  id: string;
  kind: "photo" | "event";
  photoId: string | null;
  eventId: string | null;
  allowDownload: boolean;
  passwordProtected: boolean;
  status: LinkStatus;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** Only the answer to creating a link carries its token and URL: the server keeps a hash. */
export interface CreatedShareLink extends ShareLink {
  token: string;
  url: string;
}

export interface CreateShareInput {
  photoId?: string;
  eventId?: string;
  expiresAt?: string;
  password?: string;
  allowDownload?: boolean;
}

export interface GuestLink {
  id: string;
  eventId: string;
  status: LinkStatus;
  passwordProtected: boolean;
  maxUploads: number | null;
  maxBytes: number | null;
  uploads: number;
  bytes: number;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface CreatedGuestLink extends GuestLink {
  token: string;
  url: string;
}

export interface CreateGuestLinkInput {
  expiresAt?: string;
  password?: string;
  maxUploads?: number;
  maxBytes?: number;
}

/** What a guest upload link allows, for the page a guest opens. */
export interface GuestLinkInfo {
  eventName: string;
  expiresAt: string;
  passwordRequired: boolean;
  uploadsLeft: number | null;
  bytesLeft: number | null;
}
