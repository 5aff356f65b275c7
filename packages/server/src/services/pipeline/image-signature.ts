/**
 * What a file really is, from its first bytes. The pipeline never trusts the declared content type: a text
 * file uploaded as `image/jpeg` must be caught before any decoder sees it.
 */
export type ImageKind = "jpeg" | "png" | "gif" | "webp" | "avif" | "heif" | "tiff";

/** The content types each kind may be declared as. HEIC and HEIF are one container family. */
const DECLARABLE_AS: Record<ImageKind, readonly string[]> = {
  jpeg: ["image/jpeg"],
  png: ["image/png"],
  gif: ["image/gif"],
  webp: ["image/webp"],
  avif: ["image/avif"],
  heif: ["image/heic", "image/heif"],
  tiff: ["image/tiff"],
};

/** How many leading bytes `sniffImageKind` needs. */
export const SIGNATURE_BYTES = 32;

const AVIF_BRANDS = new Set(["avif", "avis"]);
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The image kind the magic bytes announce, or `undefined` for anything else. */
export function sniffImageKind(head: Uint8Array): ImageKind | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, SIGNATURE_BYTES));
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  const ascii6 = bytes.toString("latin1", 0, 6);
  if (ascii6 === "GIF87a" || ascii6 === "GIF89a") return "gif";
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return "tiff";
  return isoBmffKind(bytes);
}

/** Whether a file of this kind may have been declared with this content type. */
export function isDeclarableAs(kind: ImageKind, contentType: string): boolean {
  return DECLARABLE_AS[kind].includes(contentType.toLowerCase());
}

/** AVIF and HEIF are ISO base media files: `....ftyp{brand}` then compatible brands. */
function isoBmffKind(bytes: Buffer): ImageKind | undefined {
  if (bytes.length < 16 || bytes.toString("latin1", 4, 8) !== "ftyp") return undefined;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands: string[] = [bytes.toString("latin1", 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4)
    brands.push(bytes.toString("latin1", offset, offset + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return "avif";
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return "heif";
  return undefined;
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
