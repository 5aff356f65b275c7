import type { PhotoChanges } from "../../domain/photo.js";
import type { CameraInfo, ExposureInfo, GpsPosition } from "../../domain/photo-details.js";
import { stripControlCharacters } from "../../domain/text.js";
import type { ImageAnalysisResult } from "../../ports/image-processor.js";

/** EXIF strings are camera-written and unchecked; longer than this is garbage, not a lens name. */
const MAX_TEXT = 100;

/**
 * The photo fields that come from the decoder: upright dimensions, format and what the camera recorded.
 * EXIF is input from the uploader's file, so every value is checked: text trimmed, bounded and free of
 * control characters; numbers finite and in range; positions on Earth; absent stays absent (no
 * `undefined` properties, so records compare equal whichever repository stored them).
 */
export function capturedFields(analysis: ImageAnalysisResult): PhotoChanges {
  const { metadata } = analysis;
  const fields: PhotoChanges = {
    width: analysis.width,
    height: analysis.height,
    format: analysis.format,
  };
  const orientation = metadata.orientation;
  if (orientation !== undefined && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8) {
    fields.orientation = orientation;
  }
  if (metadata.takenAt !== undefined && Number.isFinite(metadata.takenAt.getTime())) {
    fields.takenAt = new Date(metadata.takenAt.getTime());
    const offset = metadata.takenAtOffset;
    if (offset !== undefined && /^[+-]\d{2}:\d{2}$/.test(offset)) fields.takenAtOffset = offset;
  }
  const camera = compact<CameraInfo>({
    make: text(metadata.camera?.make),
    model: text(metadata.camera?.model),
    lens: text(metadata.camera?.lens),
  });
  if (camera) fields.camera = camera;
  const exposure = compact<ExposureInfo>({
    exposureTime: positive(metadata.exposure?.exposureTime),
    fNumber: positive(metadata.exposure?.fNumber),
    iso: positive(metadata.exposure?.iso),
    focalLength: positive(metadata.exposure?.focalLength),
  });
  if (exposure) fields.exposure = exposure;
  const gps = position(metadata.gps);
  if (gps) fields.gps = gps;
  const colorProfile = text(metadata.colorProfile);
  if (colorProfile !== undefined) fields.colorProfile = colorProfile;
  return fields;
}

function text(value: string | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const cleaned = stripControlCharacters(value).trim().slice(0, MAX_TEXT);
  return cleaned.length > 0 ? cleaned : undefined;
}

function positive(value: number | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

function position(gps: GpsPosition | undefined): GpsPosition | undefined {
  if (gps === undefined) return undefined;
  const { latitude, longitude, altitude } = gps;
  const onEarth =
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  if (!onEarth) return undefined;
  return Number.isFinite(altitude)
    ? { latitude, longitude, altitude: altitude as number }
    : { latitude, longitude };
}

/** The object without its `undefined` entries, or `undefined` when none is left. */
function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T | undefined {
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}
