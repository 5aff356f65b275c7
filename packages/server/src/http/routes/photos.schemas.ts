import { z } from "@hono/zod-openapi";
import { PHOTO_REVIEW_STATES } from "../../domain/approval.js";
import { PHOTO_STATUSES, PIPELINE_STEPS } from "../../domain/photo.js";
import { LABEL_NAME_MAX } from "../../domain/photo-details.js";
import {
  DESCRIPTION_MAX,
  FILENAME_MAX,
  SUPPORTED_CONTENT_TYPES,
  TITLE_MAX,
} from "../../domain/upload-rules.js";
import { MAX_WAIT_SECONDS } from "../../services/gallery/wait-while-pending.js";
import { idParam, PageQuerySchema, pageSchemaOf } from "./common.schemas.js";

export const PhotoIdParams = z.object({ photoId: idParam("photoId", "pH0t0Id-8xk2o7Yc8aA") });

const LabelSchema = z
  .object({
    name: z.string().openapi({ example: "dog" }),
    confidence: z.number().min(0).max(1).openapi({ example: 0.91 }),
  })
  .openapi("PhotoLabel");

export const PhotoSchema = z
  .object({
    id: z.string(),
    eventId: z.string().nullable().openapi({ description: "null for photos in the owner's own library" }),
    ownerId: z.string().openapi({ description: "A user id, or `guest_{linkId}` for a guest upload" }),
    guestName: z
      .string()
      .nullable()
      .openapi({ description: "Guest uploads: the name the guest gave; null otherwise" }),
    uploaderName: z
      .string()
      .nullable()
      .openapi({
        description:
          "Who uploaded it, as everyone who sees it is told: the account's name, the guest's name, or " +
          '"Guest" (null only for account photos from before attribution)',
        example: "Ada Lovelace",
      }),
    filename: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    contentType: z.string(),
    status: z.enum(PHOTO_STATUSES).openapi({
      description:
        "pending (uploading or processing), ready, hidden (flagged by moderation: owner and organizer only, " +
        "until approved), duplicate (of `duplicateOf`; removed), rejected (not an acceptable image), " +
        "failed (the pipeline gave up at `failedStep`; its owner may retry), expired (nothing arrived)",
      example: "ready",
    }),
    statusReason: z
      .string()
      .nullable()
      .openapi({ description: "Why it was rejected, failed or is a duplicate (owner only)" }),
    failedStep: z
      .enum(PIPELINE_STEPS)
      .nullable()
      .openapi({ description: "The pipeline step that failed (owner only)" }),
    duplicateOf: z.string().nullable().openapi({ description: "The photo it duplicates (owner only)" }),
    listedInGallery: z.boolean().openapi({
      description:
        "Whether a gallery without a status filter lists it (false once gone for good: duplicate, " +
        "rejected, expired) or held for review and not the viewer's; a client that learns of a photo " +
        "another way shows it by the same rule",
    }),
    review: z
      .enum(PHOTO_REVIEW_STATES)
      .nullable()
      .openapi({
        description:
          "Held by the event's approval mode: waiting (its uploader sees it marked, reviewers in Review) or " +
          "rejected (reviewers only); null when not held or approved",
      }),
    size: z.number().int().openapi({ description: "Bytes stored; while pending, the declared size" }),
    width: z.number().int().nullable().openapi({ description: "Upright, as viewers see it" }),
    height: z.number().int().nullable(),
    format: z.string().nullable().openapi({ example: "jpeg" }),
    createdAt: z.iso.datetime(),
    takenAt: z.iso.datetime().nullable(),
    takenAtOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/)
      .nullable()
      .openapi({
        description:
          "The camera's UTC offset when it took the photo (EXIF OffsetTimeOriginal); null: `takenAt` is the camera's clock read as UTC",
        example: "+02:00",
      }),
    camera: z
      .object({ make: z.string().nullable(), model: z.string().nullable(), lens: z.string().nullable() })
      .nullable(),
    exposure: z
      .object({
        exposureTime: z.number().nullable().openapi({ description: "Seconds", example: 0.004 }),
        fNumber: z.number().nullable().openapi({ example: 2.8 }),
        iso: z.number().nullable().openapi({ example: 400 }),
        focalLength: z.number().nullable().openapi({ description: "Millimetres", example: 23 }),
      })
      .nullable(),
    colorProfile: z.string().nullable().openapi({ example: "sRGB IEC61966-2.1" }),
    gps: z
      .object({ latitude: z.number(), longitude: z.number(), altitude: z.number().nullable() })
      .nullable()
      .optional()
      .openapi({
        description: "Where it was taken. Only ever sent to the photo's owner: absent for anyone else",
      }),
    labels: z.array(LabelSchema).openapi({
      description: "What is in it, highest confidence first (empty until processed or if labeling is off)",
    }),
    moderation: z
      .array(LabelSchema)
      .optional()
      .openapi({ description: "Moderation categories found; sent to the owner and the organizer only" }),
    blurhash: z.string().nullable().openapi({ description: "BlurHash placeholder of the upright image" }),
    urls: z.object({
      thumb: z
        .string()
        .nullable()
        .openapi({ description: "Short-lived URL of the 200 px WebP, once processed" }),
      web: z
        .string()
        .nullable()
        .openapi({ description: "Short-lived URL of the 1600 px WebP, once processed" }),
      original: z
        .string()
        .nullable()
        .openapi({ description: "Short-lived URL of the original with its metadata (owner only)" }),
    }),
  })
  .openapi("Photo");

export const PhotoPageSchema = pageSchemaOf(PhotoSchema).openapi("PhotoPage");

export const PhotoListQuerySchema = PageQuerySchema.extend({
  status: z
    .enum(PHOTO_STATUSES)
    .optional()
    .openapi({ description: "Only photos in this status (the organizer's moderation queue: `hidden`)" }),
  label: z
    .string()
    .min(1)
    .max(LABEL_NAME_MAX)
    .optional()
    .openapi({ description: "Only photos with this label (case- and plural-insensitive)", example: "dogs" }),
  labels: z
    .string()
    .min(1)
    .max((LABEL_NAME_MAX + 1) * 5)
    .optional()
    .openapi({
      description:
        "Only photos carrying every one of these labels (comma-separated, at most 5; matched like `label`)",
      example: "horse,person",
    }),
  order: z
    .enum(["captured", "added"])
    .optional()
    .openapi({
      description:
        "An event gallery's order without `status` or labels: `added` (default: upload time, newest first) " +
        "or `captured` (the timeline: capture time, else upload time, latest first)",
    }),
  uploader: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .openapi({
      description:
        "Event galleries: only this uploader's photos (an `ownerId` from `/events/{eventId}/uploaders`), " +
        "or `mine` for the caller's own",
      example: "mine",
    }),
});

export const GetPhotoQuerySchema = z.object({
  waitWhilePending: z.coerce
    .number<string>()
    .int()
    .min(0)
    .max(MAX_WAIT_SECONDS)
    .optional()
    .openapi({
      description:
        `Long poll: while the photo is pending, wait up to this many seconds (at most ${MAX_WAIT_SECONDS}) ` +
        "for it to change, and answer as soon as it leaves pending",
      example: 20,
    }),
});

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
  deleteKey: z
    .string()
    .optional()
    .openapi({
      description:
        "Guest tickets only: this upload's secret delete key. Sent as `X-Guest-Key` (with the link's " +
        "token) it follows or deletes the upload while the link is active; it is shown only now",
    }),
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
