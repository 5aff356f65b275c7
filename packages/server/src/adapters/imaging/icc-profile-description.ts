const HEADER_LENGTH = 128;
const TAG_ENTRY_LENGTH = 12;
const MAX_DESCRIPTION_LENGTH = 256;

/**
 * The human name of an ICC profile ("sRGB IEC61966-2.1", "Display P3") from its `desc` tag, which ICC v2
 * stores as `textDescriptionType` (ASCII) and v4 as `multiLocalizedUnicodeType` (UTF-16BE, first record used).
 * Reads the profile sharp already extracted from any container, so JPEG, PNG, WebP, HEIF and TIFF share one
 * path. Every offset is bounds-checked: a malformed profile yields `undefined`, never an exception.
 */
export function iccProfileDescription(profile: Uint8Array): string | undefined {
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  const inBounds = (start: number, length: number) =>
    start >= 0 && length >= 0 && start + length <= view.byteLength;
  if (!inBounds(0, HEADER_LENGTH + 4)) return undefined;

  const tagCount = view.getUint32(HEADER_LENGTH);
  for (let index = 0; index < tagCount; index++) {
    const entry = HEADER_LENGTH + 4 + index * TAG_ENTRY_LENGTH;
    if (!inBounds(entry, TAG_ENTRY_LENGTH)) return undefined;
    if (ascii(profile, entry, 4) !== "desc") continue;
    const offset = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (!inBounds(offset, size) || size < 12) return undefined;
    return readDescription(profile.subarray(offset, offset + size));
  }
  return undefined;
}

function readDescription(tag: Uint8Array): string | undefined {
  const view = new DataView(tag.buffer, tag.byteOffset, tag.byteLength);
  const type = ascii(tag, 0, 4);
  if (type === "desc") {
    const length = view.getUint32(8);
    if (12 + length > tag.length) return undefined;
    return clean(ascii(tag, 12, Math.min(length, MAX_DESCRIPTION_LENGTH)));
  }
  if (type === "mluc" && tag.length >= 28) {
    const length = view.getUint32(20);
    const offset = view.getUint32(24);
    if (offset + length > tag.length || length % 2 !== 0) return undefined;
    let text = "";
    const end = offset + Math.min(length, MAX_DESCRIPTION_LENGTH * 2);
    for (let at = offset; at < end; at += 2) text += String.fromCharCode(view.getUint16(at));
    return clean(text);
  }
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function clean(text: string): string | undefined {
  const trimmed = text.replaceAll("\u0000", "").trim();
  return trimmed.length > 0 ? trimmed.slice(0, MAX_DESCRIPTION_LENGTH) : undefined;
}
