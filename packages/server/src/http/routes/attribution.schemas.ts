import { z } from "@hono/zod-openapi";
import { PHOTO_STATUSES } from "../../domain/photo.js";
import { idParam } from "./common.schemas.js";
import { TokenParams } from "./sharing.schemas.js";

export const UploaderListSchema = z
  .object({
    items: z.array(
      z.object({
        ownerId: z.string().openapi({ description: "Pass as `uploader` to the event's photo list" }),
        name: z.string().openapi({ description: "The name their latest upload carried", example: "Ada" }),
        isCaller: z.boolean().openapi({ description: "The caller's own entry (the gallery's 'mine')" }),
      }),
    ),
  })
  .openapi("UploaderList");

export const GuestPhotoParams = TokenParams.extend({ photoId: idParam("photoId", "pH0t0Id-8xk2o7Yc8aA") });

/** The header that carries a guest upload's delete key (`deleteKey` of its ticket). */
export const GUEST_KEY_HEADER = "x-guest-key";

export const GuestKeyHeaders = z.object({
  [GUEST_KEY_HEADER]: z
    .string()
    .min(1)
    .max(128)
    .openapi({ description: "The upload's `deleteKey`, from its ticket" }),
});

export const GuestUploadStatusSchema = z
  .object({
    photoId: z.string(),
    status: z.enum(PHOTO_STATUSES),
    statusReason: z.string().nullable().openapi({ example: "The same photo is already in this event" }),
    uploadsLeft: z.number().int().nullable().openapi({
      description: "What the link still allows now (a duplicate's slot given back); null: no cap",
    }),
    bytesLeft: z.number().int().nullable(),
  })
  .openapi("GuestUploadStatus");
