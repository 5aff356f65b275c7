import { z } from "@hono/zod-openapi";
import { EVENT_DESCRIPTION_MAX, EVENT_NAME_MAX } from "../../domain/event.js";
import { UploadWindowSchema } from "./upload-window.schemas.js";

const dateTimeOrNull = (description: string) =>
  z
    .string()
    .max(40)
    .nullable()
    .optional()
    .openapi({
      description: `${description}; ISO date-time with an offset, null clears it`,
      example: "2026-06-01T15:00:00+02:00",
    });

export const UpdateEventBodySchema = z
  .object({
    name: z.string().min(1).max(EVENT_NAME_MAX).optional(),
    description: z.string().max(EVENT_DESCRIPTION_MAX).nullable().optional(),
    startsAt: z
      .string()
      .max(40)
      .nullable()
      .optional()
      .openapi({ description: "ISO date or date-time with offset; null clears it" }),
    coverPhotoId: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .openapi({ description: "A ready photo of this event; null: the newest photo stands in" }),
    uploadsOpenAt: dateTimeOrNull("When uploads open"),
    uploadsCloseAt: dateTimeOrNull("When uploads close"),
    uploadsClosed: z
      .boolean()
      .optional()
      .openapi({ description: "Close (true) or reopen (false) uploads by hand" }),
  })
  .openapi("UpdateEvent");

/** Fields the event JSON gains from managing it; the counts and cover only on the events list. */
export const EventManageFields = {
  coverPhotoId: z.string().nullable().optional().openapi({ description: "The chosen cover photo, if any" }),
  uploadWindow: UploadWindowSchema.optional(),
  coverThumbUrl: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: "Events list: a signed thumbnail URL of the cover (or the newest photo)" }),
  photoCount: z.number().int().optional().openapi({ description: "Events list: ready photos" }),
  attendeeCount: z
    .number()
    .int()
    .optional()
    .openapi({ description: "Events list: attendees, organizer included" }),
};

export const EventDeletionSchema = z
  .object({ eventId: z.string(), status: z.literal("deleting") })
  .openapi("EventDeletion");
