import type { Photo } from "./photo.js";

const MAX_NAME_PART = 60;

/**
 * The file name an original downloads as: `<event>-<date>-<n>.<ext>`, e.g.
 * `summer-party-2026-06-01-k3j9ab.jpg` — the event's name (or "library"), the day it was taken (else
 * uploaded, UTC), the first characters of the photo id (so two photos of one day never collide) and the
 * original's extension. `unicode` keeps the event's name as typed; `ascii` is the same name folded to
 * letters, digits and dashes, for clients that ignore `filename*`.
 *
 * @example downloadNames("Fête d'été", photo) // → { ascii: "fete-d-ete-2026-06-01-k3j9ab.jpg", unicode: "fête-d-été-…" }
 */
export function downloadNames(
  eventName: string | undefined,
  photo: Pick<Photo, "id" | "objectKey" | "takenAt" | "createdAt">,
): { ascii: string; unicode: string } {
  const name = eventName ?? "library";
  const day = (photo.takenAt ?? photo.createdAt).toISOString().slice(0, 10);
  const n =
    photo.id
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 6)
      .toLowerCase() || "photo";
  const extension = /\.([a-z0-9]{1,5})$/.exec(photo.objectKey)?.[1] ?? "bin";
  const tail = `${day}-${n}.${extension}`;
  const ascii = slug(name.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""), /[^a-z0-9]+/g) || "photo";
  const unicode = slug(name, /[^\p{L}\p{N}]+/gu) || ascii;
  return { ascii: `${ascii}-${tail}`, unicode: `${unicode}-${tail}` };
}

/**
 * A `Content-Disposition` that saves rather than shows: `filename` in plain ASCII (nothing to escape, so
 * no quoting tricks) and `filename*` (RFC 5987/6266) with the UTF-8 name percent-encoded.
 */
export function attachmentDisposition(names: { ascii: string; unicode: string }): string {
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${rfc5987(names.unicode)}`;
}

function slug(text: string, separators: RegExp): string {
  return text
    .toLowerCase()
    .replace(separators, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_NAME_PART)
    .replace(/-+$/g, "");
}

/** RFC 5987 `value-chars`: percent-encode everything but attr-chars (encodeURIComponent leaves a few more). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
