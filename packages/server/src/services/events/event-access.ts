import { NotAttendeeError, NotFoundError } from "../../domain/errors.js";
import type { Attendance, Event } from "../../domain/event.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import type { Principal } from "../../domain/principal.js";
import type { EventRepository } from "../../ports/event-repository.js";

export interface EventAccess {
  event: Event;
  attendance: Attendance;
}

/**
 * Loads an event the caller attends. `NotFoundError` for a malformed or unknown id; `NotAttendeeError`
 * when it exists but the caller does not attend — event ids are unguessable, so whoever holds one was given
 * it and may learn that joining comes first.
 */
export async function requireAttendance(
  events: EventRepository,
  principal: Principal,
  eventId: string,
): Promise<EventAccess> {
  assertKnownIdShape("Event", eventId);
  const [event, attendance] = await Promise.all([
    events.get(eventId),
    events.getAttendance(eventId, principal.userId),
  ]);
  if (event === undefined) throw new NotFoundError("Event", eventId);
  if (attendance === undefined) throw new NotAttendeeError(eventId);
  return { event, attendance };
}

/**
 * Like `requireAttendance`, for organizer-only actions that non-attendees must not even learn about:
 * a non-attendee gets `NotFoundError`; an attendee learns the event exists, so the caller decides.
 */
export async function findAttendedEvent(
  events: EventRepository,
  principal: Principal,
  eventId: string,
): Promise<EventAccess> {
  try {
    return await requireAttendance(events, principal, eventId);
  } catch (error) {
    if (error instanceof NotAttendeeError) throw new NotFoundError("Event", eventId);
    throw error;
  }
}
