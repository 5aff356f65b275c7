import type { z } from "@hono/zod-openapi";
import type { Attendance, AttendeeRole, Event, Invitation } from "../../domain/event.js";
import type {
  AttendeeSchema,
  EventSchema,
  EventSummarySchema,
  InvitationSchema,
} from "../routes/events.schemas.js";

/** What anyone who may see the event (or was invited to it) learns about it. */
export function eventSummaryJson(event: Event): z.infer<typeof EventSummarySchema> {
  return {
    id: event.id,
    name: event.name,
    description: event.description ?? null,
    startsAt: event.startsAt ?? null,
  };
}

/** An event as its attendee sees it; the invite code and link only for the organizer. */
export function eventJson(event: Event, role: AttendeeRole, publicUrl: string): z.infer<typeof EventSchema> {
  return {
    ...eventSummaryJson(event),
    organizerId: event.organizerId,
    role,
    approvalMode: event.approvalMode ?? "off",
    createdAt: event.createdAt.toISOString(),
    ...(role === "organizer"
      ? {
          inviteCode: event.inviteCode,
          inviteUrl: `${publicUrl}/join/${encodeURIComponent(event.inviteCode)}`,
        }
      : {}),
  };
}

export function invitationJson(invitation: Invitation): z.infer<typeof InvitationSchema> {
  return {
    eventId: invitation.eventId,
    email: invitation.email,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
  };
}

/** Emails arrive already blanked by the service for callers other than the organizer. */
export function attendeeJson(attendance: Attendance): z.infer<typeof AttendeeSchema> {
  return {
    eventId: attendance.eventId,
    userId: attendance.userId,
    role: attendance.role,
    name: attendance.name ?? null,
    email: attendance.email ?? null,
    joinedAt: attendance.joinedAt.toISOString(),
  };
}
