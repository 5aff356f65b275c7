import type { z } from "@hono/zod-openapi";
import { isGuestOwner } from "../../domain/guest-link.js";
import { isListedInGallery, type Photo } from "../../domain/photo.js";
import { GUEST_UPLOADER_NAME } from "../../domain/uploader.js";
import type { UploadTicket } from "../../ports/photo-bucket.js";
import type { PhotoView } from "../../services/gallery/gallery.service.js";
import type { PhotoSchema, UploadTicketSchema } from "../routes/photos.schemas.js";

/**
 * A photo as this viewer may see it. Absent values are `null` so every photo has the same keys — except
 * `gps`, sent to the owner only, and `moderation`, sent to the owner and the organizer: for anyone else the
 * keys are left out altogether, not merely null.
 */
export function photoJson({ photo, urls, viewer }: PhotoView): z.infer<typeof PhotoSchema> {
  const json: z.infer<typeof PhotoSchema> = {
    id: photo.id,
    eventId: photo.eventId ?? null,
    ownerId: photo.ownerId,
    guestName: photo.guestName ?? null,
    uploaderName: attributedName(photo),
    filename: photo.filename,
    title: photo.title ?? null,
    description: photo.description ?? null,
    contentType: photo.contentType,
    status: photo.status,
    statusReason: photo.statusReason ?? null,
    failedStep: photo.failedStep ?? null,
    duplicateOf: photo.duplicateOf ?? null,
    listedInGallery: isListedInGallery(photo.status, undefined, {
      review: photo.review,
      viewerIsOwner: viewer.isOwner,
    }),
    review: photo.review ?? null,
    // What arrived once processed; until then what the client declared.
    size: photo.size ?? photo.declaredSize,
    width: photo.width ?? null,
    height: photo.height ?? null,
    format: photo.format ?? null,
    createdAt: photo.createdAt.toISOString(),
    takenAt: photo.takenAt?.toISOString() ?? null,
    takenAtOffset: photo.takenAtOffset ?? null,
    camera: photo.camera
      ? {
          make: photo.camera.make ?? null,
          model: photo.camera.model ?? null,
          lens: photo.camera.lens ?? null,
        }
      : null,
    exposure: photo.exposure
      ? {
          exposureTime: photo.exposure.exposureTime ?? null,
          fNumber: photo.exposure.fNumber ?? null,
          iso: photo.exposure.iso ?? null,
          focalLength: photo.exposure.focalLength ?? null,
        }
      : null,
    colorProfile: photo.colorProfile ?? null,
    labels: photo.labels ?? [],
    blurhash: photo.blurhash ?? null,
    urls: { thumb: urls.thumb ?? null, web: urls.web ?? null, original: urls.original ?? null },
  };
  if (viewer.isOwner) {
    json.gps = photo.gps
      ? { latitude: photo.gps.latitude, longitude: photo.gps.longitude, altitude: photo.gps.altitude ?? null }
      : null;
  }
  if (viewer.canModerate) json.moderation = photo.moderation ?? [];
  return json;
}

/** The ticket a client uploads with: POST form fields or PUT headers, exactly as the store will check them. */
export function uploadTicketJson(
  photoId: string,
  ticket: UploadTicket,
  deleteKey?: string,
): z.infer<typeof UploadTicketSchema> {
  const expiresAt = ticket.expiresAt.toISOString();
  const key = deleteKey === undefined ? {} : { deleteKey };
  return ticket.method === "POST"
    ? { photoId, method: "POST", url: ticket.url, fields: ticket.fields, expiresAt, ...key }
    : { photoId, method: "PUT", url: ticket.url, headers: ticket.headers, expiresAt, ...key };
}

/** Photos from before attribution carry no `uploaderName`: a guest's is still known. */
function attributedName(photo: Photo): string | null {
  if (photo.uploaderName !== undefined) return photo.uploaderName;
  return isGuestOwner(photo.ownerId) ? (photo.guestName ?? GUEST_UPLOADER_NAME) : null;
}
