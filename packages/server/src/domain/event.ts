import type { ApprovalMode } from "./approval.js";
import { ValidationError } from "./errors.js";
import { optionalText, requiredText } from "./text.js";

/** Something that happened, whose attendees upload photos and see each other's. */
export interface Event {
  id: string;
  name: string;
  description?: string;
  /** ISO date (`2026-06-01`) or date-time with an offset (`2026-06-01T18:00:00+02:00`), as given. */
  startsAt?: string;
  organizerId: string;
  /** Whoever holds it may join; the organizer can rotate it. */
  inviteCode: string;
  /** Whose uploads wait in Review (`approval.ts`); absent means `off`. */
  approvalMode?: ApprovalMode;
  createdAt: Date;
  /** A ready photo of this event the organizer chose to show on the events list. */
  coverPhotoId?: string;
  /** Uploads open at this time (absent: since the event was made). See `uploadWindowState`. */
  uploadsOpenAt?: Date;
  /** Uploads close at this time (absent: never). */
  uploadsCloseAt?: Date;
  /** Closed by hand by the organizer, whatever the times say. */
  uploadsClosed?: boolean;
  /** Set when the organizer deleted it: repositories hide it at once, a job removes what it holds. */
  deletingAt?: Date;
}

/** What each role may do is decided in one place: `event-roles.ts`. */
export const ATTENDEE_ROLES = ["organizer", "cohost", "attendee"] as const;

export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

export interface Attendance {
  eventId: string;
  userId: string;
  role: AttendeeRole;
  /** Display name and email at the time of joining: attendee lists need no user lookup. */
  name?: string;
  email?: string;
  joinedAt: Date;
}

export interface Invitation {
  eventId: string;
  /** Normalised to lower case. */
  email: string;
  invitedBy: string;
  createdAt: Date;
}

export const EVENT_NAME_MAX = 120;
export const EVENT_DESCRIPTION_MAX = 2000;

export interface EventDetails {
  name: string;
  description?: string;
  startsAt?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Checks and tidies what an organizer typed for an event. Throws `ValidationError` for a blank or overlong
 * name, an overlong description, or a `startsAt` that is not a real ISO date or date-time with an offset.
 */
export function parseEventDetails(input: {
  name: string;
  description?: string;
  startsAt?: string;
}): EventDetails {
  const details: EventDetails = { name: requiredText(input.name, { field: "name", max: EVENT_NAME_MAX }) };
  const description = optionalText(input.description, {
    field: "description",
    max: EVENT_DESCRIPTION_MAX,
    multiline: true,
  });
  if (description !== undefined) details.description = description;
  const startsAt = input.startsAt?.trim();
  if (startsAt) details.startsAt = parseStartsAt(startsAt);
  return details;
}

function parseStartsAt(value: string): string {
  const date = DATE.test(value) ? value : DATE_TIME.exec(value)?.[1];
  if (date !== undefined && isCalendarDate(date)) return value;
  throw new ValidationError("startsAt must be an ISO date (YYYY-MM-DD) or date-time with an offset");
}

/** Round-trips through Date to catch days a month does not have (2026-02-30), which Date.parse rolls over. */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === date;
}
