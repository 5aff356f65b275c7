import type { Attendance, Event, Invitation } from "../../domain/event.js";
import type { Photo } from "../../domain/photo.js";

/** A fixed instant the fixtures count from, so tests can say "3 seconds later" precisely. */
export const T0 = new Date("2026-06-01T12:00:00.000Z");

/** `T0` plus `seconds`. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/**
 * A pending photo of `event-1` with every required field; `overrides` replace any of them
 * (`eventId: undefined` makes it a library photo).
 */
export function makePhoto(overrides: Partial<Photo> & Pick<Photo, "id">): Photo {
  const photo: Photo = {
    ownerId: "user-1",
    eventId: "event-1",
    objectKey: `uploads/event_event-1/${overrides.id}.jpg`,
    filename: "IMG_0001.jpg",
    contentType: "image/jpeg",
    declaredSize: 1234,
    status: "pending",
    createdAt: T0,
    updatedAt: T0,
    uploadExpiresAt: at(600),
    ...overrides,
  };
  if (photo.eventId === undefined) delete photo.eventId;
  return photo;
}

export function makeEvent(overrides: Partial<Event> & Pick<Event, "id">): Event {
  return {
    name: `Event ${overrides.id}`,
    organizerId: "user-organizer",
    inviteCode: `CODE-${overrides.id}`,
    createdAt: T0,
    ...overrides,
  };
}

export function makeAttendance(
  overrides: Partial<Attendance> & Pick<Attendance, "eventId" | "userId">,
): Attendance {
  return { role: "attendee", joinedAt: T0, ...overrides };
}

/** The organizer's attendance that must accompany `EventRepository.create`. */
export function organizerOf(event: Event, joinedAt: Date = event.createdAt): Attendance {
  return { eventId: event.id, userId: event.organizerId, role: "organizer", joinedAt };
}

export function makeInvitation(
  overrides: Partial<Invitation> & Pick<Invitation, "eventId" | "email">,
): Invitation {
  return { invitedBy: "user-organizer", createdAt: T0, ...overrides };
}
