import { z } from "@hono/zod-openapi";
import { GUEST_NAME_MAX } from "../../domain/guest-link.js";
import { GUEST_LINK_MODES } from "../../domain/guest-link-mode.js";
import { LINK_PASSWORD_MAX_LENGTH } from "../../domain/link-rules.js";
import { PHOTO_SHARE_MAX_SECONDS, PHOTO_SHARE_MIN_SECONDS } from "../../domain/share-link.js";
import { CursorQueryParam, idParam, pageSchemaOf } from "./common.schemas.js";
import { InitiateUploadBodySchema } from "./photos.schemas.js";
import { UploadWindowSchema } from "./upload-window.schemas.js";

export const ShareIdParams = z.object({ shareId: idParam("shareId", "sH4r3Id-8xk2o7Yc8aA") });
export const GuestLinkIdParams = z.object({ linkId: idParam("linkId", "gU3sT-8xk2o7Yc8aA") });
/** Tokens are 43 base64url characters; anything else cannot name a link. */
export const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(128)
    .openapi({
      param: { name: "token", in: "path" },
      example: "q2Vd8oS0mZ3n1pD8kQJ3W2wqA4cTQ6y8Vt9kXw2Yb0s",
    }),
});

const statusSchema = z.enum(["active", "expired", "revoked"]);
const guestLinkModeSchema = z.enum(GUEST_LINK_MODES).openapi({
  description:
    "upload_and_view: guests also see the event's photos; upload_only: a drop box (guests see only their own uploads); view_after_reveal: the gallery opens to guests at revealAt",
});
const futureDate = z.iso
  .datetime({ offset: true })
  .optional()
  .openapi({ description: "When the link stops working (default: 30 days; at most a year)" });
const password = z
  .string()
  .max(LINK_PASSWORD_MAX_LENGTH)
  .optional()
  .openapi({ description: "Visitors must type it; stored hashed (scrypt)" });

export const SharePhotoBodySchema = z
  .object({
    expiresInSeconds: z
      .number()
      .int()
      .min(PHOTO_SHARE_MIN_SECONDS)
      .max(PHOTO_SHARE_MAX_SECONDS)
      .optional()
      .openapi({ description: "Default 86400 (24 h); at most 7 days", example: 86400 }),
  })
  .openapi("SharePhoto");

export const SharedPhotoUrlSchema = z
  .object({
    url: z
      .string()
      .openapi({ description: "A signed CDN URL of the photo's web-size variant (no EXIF, no GPS)" }),
    expiresAt: z.iso.datetime(),
  })
  .openapi("SharedPhotoUrl");

export const CreateShareLinkBodySchema = z
  .object({
    photoId: z.string().min(1).max(128).optional(),
    eventId: z.string().min(1).max(128).optional(),
    expiresAt: futureDate,
    password,
    allowDownload: z.boolean().optional().openapi({ description: "Offer downloads of the web-size image" }),
  })
  .openapi("CreateShareLink", { description: "Exactly one of photoId and eventId" });

export const ShareLinkSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["photo", "event"]),
    photoId: z.string().nullable(),
    eventId: z.string().nullable(),
    allowDownload: z.boolean(),
    passwordProtected: z.boolean(),
    status: statusSchema,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi("ShareLink");

export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  token: z.string().openapi({ description: "Shown only now: Shoebox stores a hash of it" }),
  url: z.string().openapi({ example: "https://shoebox.example/s/q2Vd8oS0…" }),
}).openapi("CreatedShareLink");

export const ShareLinkPageSchema = pageSchemaOf(ShareLinkSchema).openapi("ShareLinkPage");

const PublicPhotoSchema = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    takenAt: z.iso.datetime().nullable(),
    blurhash: z.string().nullable(),
    urls: z.object({
      thumb: z.string(),
      web: z.string(),
      download: z.string().nullable().openapi({ description: "Present when the link allows downloads" }),
    }),
  })
  .openapi("PublicPhoto");

export const PublicShareSchema = z
  .object({
    kind: z.enum(["photo", "event"]),
    title: z.string().nullable(),
    description: z.string().nullable(),
    expiresAt: z.iso.datetime(),
    allowDownload: z.boolean(),
    urlsExpireAt: z.iso.datetime().openapi({ description: "The image URLs stop working then (minutes)" }),
    photos: z.array(PublicPhotoSchema),
    nextCursor: z.string().nullable(),
  })
  .openapi("PublicShare");

export const PublicShareQuerySchema = z.object({ cursor: CursorQueryParam });

export const UnlockBodySchema = z
  .object({ password: z.string().min(1).max(LINK_PASSWORD_MAX_LENGTH) })
  .openapi("UnlockShare");

export const UnlockResultSchema = z
  .object({
    accessToken: z
      .string()
      .openapi({ description: "Send it as `X-Share-Access` with requests for this link's share" }),
    expiresAt: z.iso.datetime(),
  })
  .openapi("ShareAccess");

export const CreateGuestLinkBodySchema = z
  .object({
    expiresAt: futureDate,
    password,
    maxUploads: z.number().int().min(1).optional().openapi({ description: "Most photos through this link" }),
    maxBytes: z.number().int().min(1).optional().openapi({ description: "Most declared bytes in total" }),
    mode: guestLinkModeSchema.optional().openapi({ description: "Default upload_and_view" }),
    revealAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: "With view_after_reveal only (required there): when guests may see the gallery",
    }),
  })
  .openapi("CreateGuestLink");

export const GuestLinkSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    status: statusSchema,
    passwordProtected: z.boolean(),
    maxUploads: z.number().int().nullable(),
    maxBytes: z.number().int().nullable(),
    uploads: z.number().int(),
    bytes: z.number().int(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    mode: guestLinkModeSchema,
    revealAt: z.iso.datetime().nullable(),
  })
  .openapi("GuestLink");

export const CreatedGuestLinkSchema = GuestLinkSchema.extend({
  token: z.string().openapi({ description: "Shown only now: Shoebox stores a hash of it" }),
  url: z.string().openapi({ description: "The guest upload page", example: "https://shoebox.example/g/…" }),
}).openapi("CreatedGuestLink");

export const GuestLinkPageSchema = pageSchemaOf(GuestLinkSchema).openapi("GuestLinkPage");

export const GuestLinkInfoSchema = z
  .object({
    eventName: z.string(),
    expiresAt: z.iso.datetime(),
    passwordRequired: z.boolean(),
    uploadsLeft: z.number().int().nullable().openapi({ description: "null: no cap" }),
    bytesLeft: z.number().int().nullable().openapi({ description: "null: no cap" }),
    uploadWindow: UploadWindowSchema,
    mode: guestLinkModeSchema,
    revealAt: z.iso.datetime().nullable(),
    galleryOpen: z
      .boolean()
      .openapi({ description: "Whether GET /guest/{token}/photos shows the event now" }),
  })
  .openapi("GuestLinkInfo");

export const GuestInitiateUploadBodySchema = InitiateUploadBodySchema.extend({
  guestName: z.string().max(GUEST_NAME_MAX).optional().openapi({ description: "Shown with the photo" }),
  password: z.string().max(LINK_PASSWORD_MAX_LENGTH).optional(),
}).openapi("GuestInitiateUpload");

/** A photo as a guest holding an upload link sees it: the stripped variants, nobody's identity or position. */
export const GuestPhotoSchema = z
  .object({
    id: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    blurhash: z.string().nullable(),
    urls: z.object({ thumb: z.string(), web: z.string() }),
  })
  .openapi("GuestPhoto");

export const GuestPhotoPageSchema = z
  .object({ items: z.array(GuestPhotoSchema), nextCursor: z.string().nullable() })
  .openapi("GuestPhotoPage");

export const GuestPhotosQuerySchema = z.object({
  cursor: CursorQueryParam,
  mine: z.string().max(2400).optional().openapi({
    description:
      "Comma-separated ids of photos this browser uploaded through the link: answers those of them that are ready, in any mode, instead of the gallery",
  }),
});

export const GuestPasswordHeaders = z.object({
  "x-link-password": z
    .string()
    .max(LINK_PASSWORD_MAX_LENGTH)
    .optional()
    .openapi({ description: "The link's password, when it has one" }),
});
