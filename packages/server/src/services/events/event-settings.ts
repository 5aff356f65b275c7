import { ValidationError } from "../../domain/errors.js";
import { type Event, parseEventDetails } from "../../domain/event.js";
import { assertUploadWindow } from "../../domain/upload-window.js";

/**
 * What the organizer sends to change an event (PATCH): an absent field stays as it is; `null` clears an
 * optional one. Times are ISO date-times with an offset.
 */
export interface EventSettingsInput {
  name?: string;
  description?: string | null;
  startsAt?: string | null;
  coverPhotoId?: string | null;
  uploadsOpenAt?: string | null;
  uploadsCloseAt?: string | null;
  uploadsClosed?: boolean;
}

/**
 * The event after `input`, checked by the same rules as a new event (name, description, startsAt) plus
 * the upload window's (close after open). The cover photo's belonging to the event is checked by the
 * service, which can read photos.
 */
export function applyEventSettings(event: Event, input: EventSettingsInput): Event {
  const pick = <T>(value: T | null | undefined, current: T | undefined) =>
    value === undefined ? current : (value ?? undefined);
  const details = parseEventDetails({
    name: input.name ?? event.name,
    ...optional("description", pick(input.description, event.description)),
    ...optional("startsAt", pick(input.startsAt, event.startsAt)),
  });
  const next: Event = {
    ...withoutSettings(event),
    ...details,
    ...optional("coverPhotoId", pick(input.coverPhotoId, event.coverPhotoId)),
    ...optional("uploadsOpenAt", pickTime("uploadsOpenAt", input.uploadsOpenAt, event.uploadsOpenAt)),
    ...optional("uploadsCloseAt", pickTime("uploadsCloseAt", input.uploadsCloseAt, event.uploadsCloseAt)),
    ...((input.uploadsClosed ?? event.uploadsClosed) === true ? { uploadsClosed: true } : {}),
  };
  assertUploadWindow(next);
  return next;
}

function withoutSettings(event: Event): Event {
  const {
    description: _d,
    startsAt: _s,
    coverPhotoId: _c,
    uploadsOpenAt: _o,
    uploadsCloseAt: _e,
    uploadsClosed: _h,
    ...rest
  } = event;
  return rest;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function pickTime(
  field: string,
  value: string | null | undefined,
  current: Date | undefined,
): Date | undefined {
  if (value === undefined) return current;
  if (value === null || value.trim() === "") return undefined;
  const parsed = new Date(value.trim());
  if (!DATE_TIME_WITH_OFFSET.test(value.trim()) || Number.isNaN(parsed.getTime())) {
    throw new ValidationError(
      `${field} must be an ISO date-time with an offset, e.g. 2026-07-01T18:00:00+02:00`,
    );
  }
  return parsed;
}
