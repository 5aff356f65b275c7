import type { z } from "@hono/zod-openapi";
import type { GuestLink } from "../../domain/guest-link.js";
import type { LinkStatus } from "../../domain/link-rules.js";
import type { ShareLink } from "../../domain/share-link.js";
import type { GuestPhoto } from "../../services/sharing/guest-gallery.service.js";
import type { GuestLinkInfo } from "../../services/sharing/guest-upload.service.js";
import type { PublicShare } from "../../services/sharing/public-share.service.js";
import type {
  GuestLinkInfoSchema,
  GuestLinkSchema,
  GuestPhotoSchema,
  PublicShareSchema,
  ShareLinkSchema,
} from "../routes/sharing.schemas.js";
import { uploadWindowJson } from "./event-manage-json.js";

/** A share link as its creator sees it; never the password hash or the token hash. */
export function shareLinkJson(view: {
  link: ShareLink;
  status: LinkStatus;
}): z.infer<typeof ShareLinkSchema> {
  const { link, status } = view;
  return {
    id: link.id,
    kind: link.target.kind,
    photoId: link.target.kind === "photo" ? link.target.photoId : null,
    eventId: link.target.kind === "event" ? link.target.eventId : null,
    allowDownload: link.allowDownload,
    passwordProtected: link.passwordHash !== undefined,
    status,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
  };
}

/** A guest-upload link as the organizer sees it. */
export function guestLinkJson(view: {
  link: GuestLink;
  status: LinkStatus;
}): z.infer<typeof GuestLinkSchema> {
  const { link, status } = view;
  return {
    id: link.id,
    eventId: link.eventId,
    status,
    passwordProtected: link.passwordHash !== undefined,
    maxUploads: link.maxUploads ?? null,
    maxBytes: link.maxBytes ?? null,
    uploads: link.uploads,
    bytes: link.bytes,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    mode: link.mode,
    revealAt: link.revealAt?.toISOString() ?? null,
  };
}

/** What anyone holding a share link receives: pictures and their captions, nobody's identity or position. */
export function publicShareJson(share: PublicShare): z.infer<typeof PublicShareSchema> {
  return {
    kind: share.kind,
    title: share.title ?? null,
    description: share.description ?? null,
    expiresAt: share.expiresAt.toISOString(),
    allowDownload: share.allowDownload,
    urlsExpireAt: share.urlsExpireAt.toISOString(),
    photos: share.photos.map((photo) => ({
      id: photo.id,
      title: photo.title ?? null,
      description: photo.description ?? null,
      width: photo.width ?? null,
      height: photo.height ?? null,
      takenAt: photo.takenAt?.toISOString() ?? null,
      blurhash: photo.blurhash ?? null,
      urls: { thumb: photo.urls.thumb, web: photo.urls.web, download: photo.urls.download ?? null },
    })),
    nextCursor: share.nextCursor ?? null,
  };
}

export function guestLinkInfoJson(info: GuestLinkInfo): z.infer<typeof GuestLinkInfoSchema> {
  return {
    eventName: info.eventName,
    expiresAt: info.expiresAt.toISOString(),
    passwordRequired: info.passwordRequired,
    uploadsLeft: info.uploadsLeft ?? null,
    bytesLeft: info.bytesLeft ?? null,
    uploadWindow: uploadWindowJson(info.uploadWindow),
    mode: info.mode,
    revealAt: info.revealAt?.toISOString() ?? null,
    galleryOpen: info.galleryOpen,
  };
}

/** A guest's view of a photo (`GuestGalleryService`). */
export function guestPhotoJson(photo: GuestPhoto): z.infer<typeof GuestPhotoSchema> {
  return {
    id: photo.id,
    width: photo.width ?? null,
    height: photo.height ?? null,
    blurhash: photo.blurhash ?? null,
    urls: { thumb: photo.urls.thumb, web: photo.urls.web },
  };
}
