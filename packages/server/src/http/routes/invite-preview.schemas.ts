import { z } from "@hono/zod-openapi";

export const InviteCodeParams = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "code", in: "path" }, example: "k7Qm2xPa" }),
});

export const InvitePreviewSchema = z
  .object({
    eventName: z.string(),
    startsAt: z
      .string()
      .nullable()
      .openapi({ description: "As the organizer gave it (ISO date or date-time)" }),
    organizerName: z.string().nullable(),
    coverUrl: z
      .string()
      .nullable()
      .openapi({ description: "Short-lived URL of the cover's stripped thumbnail; null: no cover yet" }),
  })
  .openapi("InvitePreview");
