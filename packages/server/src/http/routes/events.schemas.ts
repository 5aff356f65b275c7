import { z } from "@hono/zod-openapi";
import { APPROVAL_MODES } from "../../domain/approval.js";
import { ATTENDEE_ROLES, EVENT_DESCRIPTION_MAX, EVENT_NAME_MAX } from "../../domain/event.js";
import { idParam, pageSchemaOf } from "./common.schemas.js";
import { EventManageFields } from "./event-manage.schemas.js";

export const EventIdParams = z.object({ eventId: idParam("eventId", "3nQ5bZ1xT0yQxk2o7Yc8aA") });

export const CreateEventBodySchema = z
  .object({
    name: z.string().min(1).max(EVENT_NAME_MAX).openapi({ example: "Lena & Sam's wedding" }),
    description: z.string().max(EVENT_DESCRIPTION_MAX).optional(),
    startsAt: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: "ISO date or date-time with offset", example: "2026-06-01T15:00:00+02:00" }),
  })
  .openapi("CreateEvent");

export const EventSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    startsAt: z.string().nullable(),
  })
  .openapi("EventSummary");

export const EventSchema = EventSummarySchema.extend({
  organizerId: z.string(),
  role: z.enum(ATTENDEE_ROLES).openapi({
    description: "The caller's role in the event (a co-host moderates, reviews and manages links)",
  }),
  approvalMode: z.enum(APPROVAL_MODES).openapi({
    description:
      "Whose uploads wait in Review: nobody (off), guests' (guests), all but the organizer's and co-hosts' (everyone)",
  }),
  createdAt: z.iso.datetime(),
  inviteCode: z.string().optional().openapi({ description: "Organizer only" }),
  inviteUrl: z
    .string()
    .optional()
    .openapi({ description: "Organizer only: `{publicUrl}/join/{inviteCode}`" }),
  ...EventManageFields,
}).openapi("Event");

export const EventPageSchema = pageSchemaOf(EventSchema).openapi("EventPage");

export const JoinWithCodeBodySchema = z
  .object({ inviteCode: z.string().min(1).max(64).openapi({ example: "K7PQ-M2XD" }) })
  .openapi("JoinWithCode");

export const InviteBodySchema = z
  .object({
    emails: z
      .array(z.string().max(254))
      .min(1)
      .max(50)
      .openapi({ example: ["ada@example.org"] }),
  })
  .openapi("Invite");

export const InvitationSchema = z
  .object({ eventId: z.string(), email: z.string(), invitedBy: z.string(), createdAt: z.iso.datetime() })
  .openapi("Invitation");

export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) }).openapi("InvitationList");

export const MyInvitationListSchema = z
  .object({ items: z.array(z.object({ event: EventSummarySchema, invitation: InvitationSchema })) })
  .openapi("MyInvitationList");

export const AttendeeSchema = z
  .object({
    eventId: z.string(),
    userId: z.string(),
    role: z.enum(ATTENDEE_ROLES),
    name: z.string().nullable(),
    email: z.string().nullable().openapi({ description: "Shown to the organizer only" }),
    joinedAt: z.iso.datetime(),
  })
  .openapi("Attendee");

export const AttendeePageSchema = pageSchemaOf(AttendeeSchema).openapi("AttendeePage");

export const AttendeeParams = EventIdParams.extend({ userId: idParam("userId", "6f1c2a9e-…") });
