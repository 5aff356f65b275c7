import { z } from "@hono/zod-openapi";
import { APPROVAL_MODES, MAX_REVIEW_BATCH, PHOTO_REVIEW_STATES } from "../../domain/approval.js";
import { ASSIGNABLE_ROLES } from "../../domain/event-roles.js";
import { PageQuerySchema } from "./common.schemas.js";

export const ApprovalModeBodySchema = z
  .object({
    mode: z.enum(APPROVAL_MODES).openapi({
      description:
        "off: nothing waits; guests: uploads through guest links wait; everyone: every upload waits " +
        "except the organizer's and co-hosts'",
      example: "guests",
    }),
  })
  .openapi("ApprovalModeChange");

export const ReviewQuerySchema = PageQuerySchema.extend({
  state: z
    .enum(PHOTO_REVIEW_STATES)
    .optional()
    .openapi({ description: "Which list: waiting (default) or rejected" }),
});

export const ReviewDecisionBodySchema = z
  .object({
    photoIds: z
      .array(z.string().min(1).max(128))
      .min(1)
      .max(MAX_REVIEW_BATCH)
      .openapi({
        description: `1 to ${MAX_REVIEW_BATCH} photos of the event`,
        example: ["pH0t0Id-8xk2o7Yc8aA"],
      }),
    decision: z.enum(["approve", "reject"]),
  })
  .openapi("ReviewDecision");

export const ReviewResultSchema = z
  .object({
    items: z.array(
      z.object({
        photoId: z.string(),
        outcome: z.enum(["approved", "rejected", "notFound", "notReviewable"]).openapi({
          description:
            "approved / rejected (also when it already was); notFound: no such photo in the event; " +
            "notReviewable: not held for review, or not processed yet",
        }),
      }),
    ),
  })
  .openapi("ReviewResult");

export const RoleBodySchema = z
  .object({ role: z.enum(ASSIGNABLE_ROLES).openapi({ example: "cohost" }) })
  .openapi("RoleChange");
