/**
 * Turns raw EXIF values (as exifr returns them with `translateValues` and `reviveValues` off) into trustworthy
 * numbers, strings and dates. EXIF is written by thousands of firmwares and editors: every function here
 * returns `undefined` for anything malformed instead of throwing or passing garbage on.
 */

/** A finite number > 0 (exposure time, f-number, focal length), or the first of an array (ISO is often one). */
export function positiveNumber(value: unknown): number | undefined {
  const candidate =
    Array.isArray(value) || ArrayBuffer.isView(value) ? (value as ArrayLike<unknown>)[0] : value;
  return typeof candidate === "number" && Number.isFinite(candidate) && candidate > 0 ? candidate : undefined;
}

/** A printable string: NULs (fixed-size EXIF fields are padded with them) and surrounding blanks removed. */
export function cleanText(value: unknown, maxLength = 128): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.replaceAll("\u0000", "").trim();
  return text.length > 0 ? text.slice(0, maxLength) : undefined;
}

const EXIF_DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * `DateTimeOriginal` ("2024:05:06 07:08:09", local time of the camera) with `OffsetTimeOriginal` ("+02:00")
 * when present; without an offset the time is read as UTC, which is the best a server can do.
 */
export function exifDateTime(dateTime: unknown, offset: unknown): Date | undefined {
  if (typeof dateTime !== "string") return undefined;
  const match = EXIF_DATE_TIME.exec(dateTime.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(utc);
  // Date.UTC rolls 2024-13-45 over into a valid date; a value that does not survive the round trip is garbage
  // (cameras without a clock write "0000:00:00 00:00:00").
  const roundTrip = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  if (year < 1800 || roundTrip.join() !== [year, month, day, hour, minute, second].join()) return undefined;
  return new Date(utc - offsetMinutes(offset) * 60_000);
}

/** `OffsetTimeOriginal` as "+HH:MM" when it is one a clock can have (within ±14 h), else `undefined`. */
export function exifOffset(offset: unknown): string | undefined {
  const match = typeof offset === "string" ? EXIF_OFFSET.exec(offset.trim()) : null;
  if (!match) return undefined;
  return Number(match[2]) * 60 + Number(match[3]) > 14 * 60 ? undefined : match[0];
}

function offsetMinutes(offset: unknown): number {
  const match = typeof offset === "string" ? EXIF_OFFSET.exec(offset.trim()) : null;
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return minutes > 14 * 60 ? 0 : match[1] === "-" ? -minutes : minutes;
}

/**
 * A GPS coordinate in decimal degrees from EXIF's degrees/minutes/seconds rationals and its N/S/E/W
 * reference; `undefined` unless it is three finite numbers within range.
 */
export function gpsDegrees(value: unknown, reference: unknown, limit: 90 | 180): number | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  if (!value.every((part) => typeof part === "number" && Number.isFinite(part) && part >= 0))
    return undefined;
  const [degrees, minutes, seconds] = value as [number, number, number];
  if (minutes >= 60 || seconds >= 60) return undefined;
  const magnitude = degrees + minutes / 60 + seconds / 3600;
  if (magnitude > limit) return undefined;
  const ref = typeof reference === "string" ? reference.trim().toUpperCase() : "";
  return ref === "S" || ref === "W" ? -magnitude : magnitude;
}

/** Altitude in metres; reference 1 means below sea level. */
export function gpsAltitude(value: unknown, reference: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const ref = ArrayBuffer.isView(reference) ? (reference as Uint8Array)[0] : reference;
  return ref === 1 ? -value : value;
}
