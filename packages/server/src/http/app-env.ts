import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Principal } from "../domain/principal.js";
import type { Logger } from "../ports/logger.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import type { TokenVerifier } from "../ports/token-verifier.js";
import type { AccountService } from "../services/accounts/account.service.js";
import type { AttendeeRoleService } from "../services/events/attendee-roles.service.js";
import type { EventService } from "../services/events/event.service.js";
import type { EventManagementService } from "../services/events/event-management.service.js";
import type { InvitePreviewService } from "../services/events/invite-preview.service.js";
import type { GalleryService } from "../services/gallery/gallery.service.js";
import type { PhotoStatusService } from "../services/gallery/photo-status.service.js";
import type { ReviewService } from "../services/review/review.service.js";
import type { GuestGalleryService } from "../services/sharing/guest-gallery.service.js";
import type { GuestPhotoService } from "../services/sharing/guest-photos.service.js";
import type { GuestUploadService } from "../services/sharing/guest-upload.service.js";
import type { PublicShareService } from "../services/sharing/public-share.service.js";
import type { SharingService } from "../services/sharing/sharing.service.js";
import type { UploadService } from "../services/uploads/upload.service.js";
import type { ClientAddressOf } from "./client-address.js";
import type { ResponseMismatchReport } from "./middleware/response-conformance.js";
import type { WebAppOrigins } from "./middleware/security-headers.js";

/** What the HTTP app needs; each host's composition builds one. */
export interface AppDeps {
  events: EventService;
  /** Editing and deleting events, and the events list's covers and counts; absent, those routes are not mounted. */
  eventManagement?: EventManagementService;
  uploads: UploadService;
  gallery: GalleryService;
  /** Approving hidden photos and retrying failed ones. */
  photoStatus: PhotoStatusService;
  /** Approval mode and the review queue. */
  review: ReviewService;
  /** Co-hosts: the organizer's role changes. */
  roles: AttendeeRoleService;
  tokenVerifier: TokenVerifier;
  /** Embedded host only: mounts `/api/auth/*` and the JWKS. On AWS, Cognito signs users in. */
  accounts?: AccountService;
  logger: Logger;
  /** Public base URL of the web app and API, e.g. `http://127.0.0.1:8080` (invite URLs, OpenAPI server). */
  publicUrl: string;
  limits: {
    /** Largest photo accepted by `POST /api/photos` (API Gateway caps bodies at 10 MB). */
    maxDirectUploadBytes: number;
    /** Largest JSON body; default 64 KiB. */
    maxJsonBytes?: number;
  };
  /** Origins allowed to call the API from a browser; none means same-origin only (no CORS headers). */
  corsOrigins?: readonly string[];
  /** Share links, the public share page and guest uploads; absent, their routes are not mounted. */
  sharing?: {
    sharing: SharingService;
    publicShares: PublicShareService;
    guestUploads: GuestUploadService;
    /** What guests see through their upload link, by its mode. */
    guestGallery?: GuestGalleryService;
    /** A guest's own uploads (follow, delete) by their delete keys. */
    guestPhotos: GuestPhotoService;
  };
  /** The join page's public preview of an event by invite code; absent, the route is not mounted. */
  invitePreviews?: InvitePreviewService;
  /** Limits on sign-in, sign-up, tickets and link passwords; each absent limiter allows everything. */
  rateLimits?: RateLimits;
  /** The client's address for per-client limits; default: one shared bucket ("unknown"). */
  clientAddress?: ClientAddressOf;
  /** Tests: check every API answer against its route's declared response schema and report mismatches. */
  onResponseMismatch?: ResponseMismatchReport;
  /** Origins the web client may reach besides its own (the S3 endpoint), for its CSP; default none. */
  webAppOrigins?: WebAppOrigins;
}

/** Per-request values the middleware sets for handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Set by `requireAuth`; read it through `principalOf(c)`. */
    principal: Principal | undefined;
    /** The app's logger with this request's id bound. */
    logger: Logger;
  };
}

export type ApiApp = OpenAPIHono<AppEnv>;
