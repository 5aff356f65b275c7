import type { z } from "@hono/zod-openapi";
import type { UploadTicket } from "../../ports/object-store.js";
import type { PhotoView } from "../../services/gallery/gallery.service.js";
import type { PhotoSchema, UploadTicketSchema } from "../routes/photos.schemas.js";

/** A photo with the URLs this caller may use; absent values are `null` so every photo has the same keys. */
export function photoJson({ photo, urls }: PhotoView): z.infer<typeof PhotoSchema> {
  return {
    id: photo.id,
    eventId: photo.eventId ?? null,
    ownerId: photo.ownerId,
    filename: photo.filename,
    title: photo.title ?? null,
    description: photo.description ?? null,
    contentType: photo.contentType,
    status: photo.status,
    statusReason: photo.statusReason ?? null,
    // What arrived once processed; until then what the client declared.
    size: photo.size ?? photo.declaredSize,
    width: photo.width ?? null,
    height: photo.height ?? null,
    createdAt: photo.createdAt.toISOString(),
    takenAt: photo.takenAt?.toISOString() ?? null,
    urls: { view: urls.view ?? null, original: urls.original ?? null },
  };
}

/** The ticket a client uploads with: POST form fields or PUT headers, exactly as the store will check them. */
export function uploadTicketJson(photoId: string, ticket: UploadTicket): z.infer<typeof UploadTicketSchema> {
  const expiresAt = ticket.expiresAt.toISOString();
  return ticket.method === "POST"
    ? { photoId, method: "POST", url: ticket.url, fields: ticket.fields, expiresAt }
    : { photoId, method: "PUT", url: ticket.url, headers: ticket.headers, expiresAt };
}
