import exifr from "exifr";
import type { CapturedMetadata } from "../../ports/image-processor.js";
import {
  cleanText,
  exifDateTime,
  exifOffset,
  gpsAltitude,
  gpsDegrees,
  positiveNumber,
} from "./exif-values.js";
import { iccProfileDescription } from "./icc-profile-description.js";

const PICKED_TAGS = [
  "DateTimeOriginal",
  "OffsetTimeOriginal",
  "Make",
  "Model",
  "LensModel",
  "ExposureTime",
  "FNumber",
  "ISO",
  "FocalLength",
  "GPSLatitude",
  "GPSLatitudeRef",
  "GPSLongitude",
  "GPSLongitudeRef",
  "GPSAltitude",
  "GPSAltitudeRef",
];

/** EXIF blocks from JPEG (APP1) start with this marker before the TIFF structure; other containers omit it. */
const JPEG_EXIF_PREFIX = Buffer.from("Exif\0\0", "latin1");

export interface EmbeddedMetadata {
  /** Raw EXIF as sharp extracts it from any container. */
  exif?: Buffer;
  icc?: Buffer;
  /** EXIF orientation the decoder applies (from the header sharp already read). */
  orientation?: number;
}

/**
 * What the camera recorded, read from the EXIF and ICC blocks sharp extracted from the container: one parser
 * for every format (exifr's own HEIC reader fails on some valid files). Never throws: malformed or missing
 * metadata only means fewer fields.
 */
export async function readCapturedMetadata(embedded: EmbeddedMetadata): Promise<CapturedMetadata> {
  const tags = embedded.exif ? await parseExif(embedded.exif) : {};
  const metadata: CapturedMetadata = {};
  if (embedded.orientation !== undefined) metadata.orientation = embedded.orientation;

  const takenAt = exifDateTime(tags.DateTimeOriginal, tags.OffsetTimeOriginal);
  if (takenAt) metadata.takenAt = takenAt;
  const takenAtOffset = exifOffset(tags.OffsetTimeOriginal);
  if (takenAt && takenAtOffset) metadata.takenAtOffset = takenAtOffset;

  const camera = definedOnly({
    make: cleanText(tags.Make),
    model: cleanText(tags.Model),
    lens: cleanText(tags.LensModel),
  });
  if (camera) metadata.camera = camera;

  const exposure = definedOnly({
    exposureTime: positiveNumber(tags.ExposureTime),
    fNumber: positiveNumber(tags.FNumber),
    iso: positiveNumber(tags.ISO),
    focalLength: positiveNumber(tags.FocalLength),
  });
  if (exposure) metadata.exposure = exposure;

  const latitude = gpsDegrees(tags.GPSLatitude, tags.GPSLatitudeRef, 90);
  const longitude = gpsDegrees(tags.GPSLongitude, tags.GPSLongitudeRef, 180);
  // 0,0 is what receivers without a fix write; nobody photographs an event in the Gulf of Guinea.
  if (latitude !== undefined && longitude !== undefined && (latitude !== 0 || longitude !== 0)) {
    const altitude = gpsAltitude(tags.GPSAltitude, tags.GPSAltitudeRef);
    metadata.gps = altitude === undefined ? { latitude, longitude } : { latitude, longitude, altitude };
  }

  const colorProfile = embedded.icc ? iccProfileDescription(embedded.icc) : undefined;
  if (colorProfile) metadata.colorProfile = colorProfile;
  return metadata;
}

async function parseExif(exif: Buffer): Promise<Record<string, unknown>> {
  const tiff = exif.subarray(0, JPEG_EXIF_PREFIX.length).equals(JPEG_EXIF_PREFIX)
    ? exif.subarray(JPEG_EXIF_PREFIX.length)
    : exif;
  try {
    const tags: unknown = await exifr.parse(tiff, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      makerNote: false,
      userComment: false,
      translateValues: false,
      reviveValues: false,
      pick: PICKED_TAGS,
    });
    return typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>) : {};
  } catch {
    // exifr throws on blocks it cannot recognise at all; to the photo that is the same as having no EXIF.
    return {};
  }
}

/** The object without its undefined fields, or undefined when none is left. */
function definedOnly<T extends object>(fields: T): Partial<T> | undefined {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}
