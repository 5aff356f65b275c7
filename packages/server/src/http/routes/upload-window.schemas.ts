import { z } from "@hono/zod-openapi";

export const UploadWindowSchema = z
  .object({
    open: z.boolean().openapi({ description: "Whether upload tickets are issued now" }),
    opensAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "Uploads open at this time (null: already)" }),
    closesAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "Uploads close at this time (null: never)" }),
    closedByHand: z
      .boolean()
      .openapi({ description: "The organizer closed uploads, whatever the times say" }),
    message: z
      .string()
      .nullable()
      .openapi({ description: "While closed: what uploaders are told, e.g. when uploads open" }),
  })
  .openapi("UploadWindow");
