import { z } from "@hono/zod-openapi";
import {
  DESCRIPTION_MAX,
  FILENAME_MAX,
  SUPPORTED_CONTENT_TYPES,
  TITLE_MAX,
} from "../../domain/upload-rules.js";
import { idParam, pageSchemaOf } from "./common.schemas.js";

export const PhotoIdParams = z.object({ photoId: idParam("photoId", "pH0t0Id-8xk2o7Yc8aA") });

export const PhotoSchema = z
  .object({
    id: z.string(),
    eventId: z.string().nullable().openapi({ description: "null for photos in the owner's own library" }),
    ownerId: z.string(),
    filename: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    contentType: z.string(),
    status: z.string().openapi({ description: "pending, ready, rejected or expired", example: "ready" }),
    statusReason: z.string().nullable().openapi({ description: "Why it was rejected (owner only)" }),
    size: z.number().int().openapi({ description: "Bytes stored; while pending, the declared size" }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    takenAt: z.iso.datetime().nullable(),
    urls: z.object({
      view: z
        .string()
        .nullable()
        .openapi({ description: "Short-lived URL of the viewable image, once ready" }),
      original: z
        .string()
        .nullable()
        .openapi({ description: "Short-lived URL of the original (owner only)" }),
    }),
  })
  .openapi("Photo");

export const PhotoPageSchema = pageSchemaOf(PhotoSchema).openapi("PhotoPage");

const photoText = {
  title: z.string().max(TITLE_MAX).optional(),
  description: z.string().max(DESCRIPTION_MAX).optional(),
};

export const InitiateUploadBodySchema = z
  .object({
    filename: z.string().min(1).max(FILENAME_MAX).openapi({ example: "IMG_0042.jpg" }),
    contentType: z
      .string()
      .min(1)
      .max(100)
      .openapi({ example: "image/jpeg", description: `One of ${SUPPORTED_CONTENT_TYPES.join(", ")}` }),
    size: z.number().int().openapi({ description: "Exact size in bytes", example: 2480133 }),
    ...photoText,
    method: z
      .enum(["POST", "PUT"])
      .optional()
      .openapi({ description: "Presigned POST form (default) or PUT" }),
  })
  .openapi("InitiateUpload");

const ticketCommon = {
  photoId: z.string(),
  url: z.string(),
  expiresAt: z.iso.datetime(),
};

export const UploadTicketSchema = z
  .discriminatedUnion("method", [
    z.object({
      ...ticketCommon,
      method: z.literal("POST"),
      fields: z
        .record(z.string(), z.string())
        .openapi({ description: "Form fields to send before the `file` field" }),
    }),
    z.object({
      ...ticketCommon,
      method: z.literal("PUT"),
      headers: z
        .record(z.string(), z.string())
        .openapi({ description: "Headers the PUT must carry exactly" }),
    }),
  ])
  .openapi("UploadTicket");

export const DirectUploadQuerySchema = z.object({
  eventId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .openapi({ description: "Upload into this event (else the library)" }),
  filename: z.string().max(FILENAME_MAX).optional(),
  ...photoText,
});

/** The form fields of a multipart direct upload (besides `file`). */
export const DirectUploadFieldsSchema = DirectUploadQuerySchema;
