/**
 * The photo bucket's key layout, in one place: browsers upload originals under `uploads/` (the only prefix
 * that raises ObjectCreated notifications for the pipeline), the pipeline writes metadata-free variants
 * under `variants/` (the only prefix the CDN may read). The infrastructure scopes IAM grants, the CDN and
 * the bucket notification by these prefixes, importing them from here (`@shoebox/server/object-keys`).
 * No I/O and no imports, so the CDK app can load it.
 */
export const OBJECT_KEY_PREFIXES = {
  uploads: "uploads/",
  variants: "variants/",
} as const;

/**
 * The object key of an upload: under the event when it has one, else under the owner's library. Every
 * part is an id the service generated or validated as URL-safe.
 *
 * @example uploadObjectKey({ ownerId: "u1", eventId: "e1", photoId: "p1", extension: "jpg" })
 * // → "uploads/event_e1/p1.jpg"
 */
export function uploadObjectKey(parts: {
  ownerId: string;
  eventId?: string | undefined;
  photoId: string;
  extension: string;
}): string {
  const folder = parts.eventId === undefined ? `user_${parts.ownerId}` : `event_${parts.eventId}`;
  return `${OBJECT_KEY_PREFIXES.uploads}${folder}/${parts.photoId}.${parts.extension}`;
}

const UPLOAD_KEY = /^uploads\/(?:event|user)_[A-Za-z0-9_-]{1,128}\/([A-Za-z0-9_-]{1,128})\.[a-z]{1,8}$/;

/**
 * The photo id in an upload's object key (see `uploadObjectKey`), or `undefined` for any other key. For
 * callers that hold only a key — a dead-lettered job whose object may be gone.
 *
 * @example photoIdOfUploadKey("uploads/event_e1/p1.jpg") // → "p1"
 */
export function photoIdOfUploadKey(key: string): string | undefined {
  return UPLOAD_KEY.exec(key)?.[1];
}

/**
 * Where the pipeline writes a photo's variant. Outside `uploads/`, so writing it raises no ObjectCreated
 * event for the pipeline; derived from the id alone, so a re-run overwrites rather than duplicates.
 *
 * @example variantObjectKey("p1", "thumb") // → "variants/p1/thumb.webp"
 */
export function variantObjectKey(photoId: string, name: "thumb" | "web"): string {
  return `${OBJECT_KEY_PREFIXES.variants}${photoId}/${name}.webp`;
}
