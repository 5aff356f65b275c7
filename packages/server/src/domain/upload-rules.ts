import { UnsupportedContentTypeError, UploadTooLargeError, ValidationError } from "./errors.js";
import type { Photo } from "./photo.js";
import { optionalText, stripControlCharacters } from "./text.js";

/** The image types Shoebox accepts, and the extension each gets in its object key. */
export const CONTENT_TYPE_EXTENSIONS: Readonly<Record<string, string>> = Object.freeze({
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/avif": "avif",
  "image/heic": "heic",
  "image/heif": "heif",
  "image/tiff": "tiff",
});

export const SUPPORTED_CONTENT_TYPES: readonly string[] = Object.freeze(Object.keys(CONTENT_TYPE_EXTENSIONS));

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const FILENAME_MAX = 255;

/** Uploaded keys never change content (a new upload gets a new id), so caches may keep them forever. */
export const UPLOAD_CACHE_CONTROL = "max-age=31536000, immutable";

/**
 * Normalises a declared content type (case, surrounding spaces) and returns it with its extension.
 * Throws `UnsupportedContentTypeError` listing the supported types for anything else, parameters included.
 */
export function parseImageContentType(contentType: string): { contentType: string; extension: string } {
  const normalized = contentType.trim().toLowerCase();
  const extension = Object.hasOwn(CONTENT_TYPE_EXTENSIONS, normalized)
    ? CONTENT_TYPE_EXTENSIONS[normalized]
    : undefined;
  if (extension === undefined) throw new UnsupportedContentTypeError(contentType, SUPPORTED_CONTENT_TYPES);
  return { contentType: normalized, extension };
}

/** Throws `ValidationError` for a size that is not a positive integer, `UploadTooLargeError` above `maxBytes`. */
export function assertUploadSize(size: number, maxBytes: number): void {
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new ValidationError("size must be a positive whole number of bytes");
  }
  if (size > maxBytes) throw new UploadTooLargeError(size, maxBytes);
}

/**
 * The client's file name reduced to display metadata: no directories (either separator), no control
 * characters, trimmed. Blank becomes `fallback`. Throws `ValidationError` above 255 characters.
 *
 * @example displayFilename("a/b\\c.jpg", "photo.jpg") // → "c.jpg"
 */
export function displayFilename(raw: string | undefined, fallback: string): string {
  const base = stripControlCharacters((raw ?? "").split(/[/\\]/).pop()!);
  return optionalText(base, { field: "filename", max: FILENAME_MAX }) ?? fallback;
}

/** Title and description of an upload: trimmed, blank dropped, bounded. */
export function parsePhotoText(input: { title?: string | undefined; description?: string | undefined }): {
  title?: string;
  description?: string;
} {
  const title = optionalText(input.title, { field: "title", max: TITLE_MAX });
  const description = optionalText(input.description, {
    field: "description",
    max: DESCRIPTION_MAX,
    multiline: true,
  });
  return {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
  };
}

/**
 * The `x-amz-meta-*` values stored with the object, so the pipeline can find the record from the object
 * alone. Ids only: nothing a user typed, which could break header encoding.
 */
export function uploadMetadata(photo: Pick<Photo, "id" | "ownerId" | "eventId">): Record<string, string> {
  return {
    "photo-id": photo.id,
    "owner-id": photo.ownerId,
    ...(photo.eventId === undefined ? {} : { "event-id": photo.eventId }),
  };
}
