import type { Attendance, Event, Invitation } from "../../src/domain/event.js";
import type { Photo, PhotoChanges } from "../../src/domain/photo.js";

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

/** Everything the pipeline records on a processed photo, with distinct values in every field. */
export function processedFields(photoId: string) {
  return {
    size: 2048,
    width: 4000,
    height: 3000,
    format: "jpeg",
    etag: "0123abcd",
    sha256: "5e".repeat(32),
    orientation: 6,
    takenAt: at(-3600),
    camera: { make: "Fujifilm", model: "X100V", lens: "23mm F2" },
    exposure: { exposureTime: 0.004, fNumber: 2.8, iso: 400, focalLength: 23 },
    gps: { latitude: 52.520008, longitude: 13.404954, altitude: 34.5 },
    colorProfile: "sRGB IEC61966-2.1",
    variants: {
      thumb: { key: `variants/${photoId}/thumb.webp`, contentType: "image/webp", width: 200, height: 150 },
      web: { key: `variants/${photoId}/web.webp`, contentType: "image/webp", width: 1600, height: 1200 },
    },
    blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
    labels: [
      { name: "dog", confidence: 0.91 },
      { name: "person", confidence: 0.55 },
    ],
    moderation: [{ name: "suggestive", confidence: 0.12 }],
    updatedAt: at(5),
  } satisfies PhotoChanges;
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
