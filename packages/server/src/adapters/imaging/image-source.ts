import sharp, { type Metadata, type Sharp } from "sharp";
import { ImageRejectedError } from "../../domain/errors.js";
import type { HeicDecoder } from "./heic-decoder.js";
import { assertWithinPixelLimit } from "./pixel-limit.js";

/** What libvips may report that Shoebox accepts; SVG, PDF, RAW, JPEG 2000 … are refused even if sharp reads them. */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);

/** An image whose header has been read and checked, ready to be decoded upright as often as needed. */
export interface ImageSource {
  format: string;
  /** Upright dimensions (after EXIF orientation). */
  width: number;
  height: number;
  /** EXIF orientation as stored, when the decoder applies it (never for HEIF: libheif uses irot/imir). */
  orientation?: number;
  /** Raw EXIF block (TIFF structure) and ICC profile as found in the container, if any. */
  exif?: Buffer;
  icc?: Buffer;
  /**
   * A new pipeline over the whole image, auto-oriented, decoded within the pixel limit and failing on any
   * decoder error (truncated or corrupt data). Each call decodes again, so shrink-on-load can apply per output.
   */
  upright(): Sharp;
}

/**
 * Reads the header (no pixels, so it is safe without a limit and lets us say why we refuse), checks format
 * and pixel count, and for HEVC-coded HEIC decodes with libheif since libvips here cannot.
 */
export async function openImage(bytes: Buffer, maxPixels: number, heic: HeicDecoder): Promise<ImageSource> {
  if (bytes.length === 0) throw new ImageRejectedError("The file is empty");
  const header = await readHeader(bytes);
  const { width, height } = header;
  // libvips names every ISO-BMFF image "heif"; AV1-coded ones are AVIF to browsers and to the port.
  const format = header.format === "heif" && header.compression === "av1" ? "avif" : header.format;
  if (!ACCEPTED_FORMATS.has(format)) {
    throw new ImageRejectedError(
      `Images in ${format.toUpperCase()} format are not accepted; send JPEG, PNG, WebP, GIF, AVIF, HEIC or TIFF`,
    );
  }
  if (!width || !height) throw new ImageRejectedError("The image has no dimensions");
  assertWithinPixelLimit(width, height, maxPixels);
  const found = { format, exif: header.exif, icc: header.icc };

  if (format === "heif" && header.compression === "hevc") {
    const rgba = await heic.decode(bytes);
    const raw = { width: rgba.width, height: rgba.height, channels: 4 } as const;
    return {
      ...found,
      width: rgba.width,
      height: rgba.height,
      upright: () => sharp(rgba.data, { raw, limitInputPixels: maxPixels }),
    };
  }

  const orientation = header.orientation;
  return {
    ...found,
    width: header.autoOrient.width,
    height: header.autoOrient.height,
    ...(orientation !== undefined && orientation >= 1 && orientation <= 8 ? { orientation } : {}),
    upright: () => sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" }).rotate(),
  };
}

async function readHeader(bytes: Buffer): Promise<Metadata & { format: string }> {
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (metadata.format) return { ...metadata, format: metadata.format };
  } catch (error) {
    throw new ImageRejectedError("The file is not a readable image", { cause: error });
  }
  throw new ImageRejectedError("The file is not a readable image");
}

/**
 * Proves the whole image decodes, cheaply: a small render still reads every byte of the stream (JPEG
 * shrink-on-load scales the DCT, it does not skip data), and `failOn: "error"` turns a truncation into an error.
 */
export async function assertDecodes(source: ImageSource): Promise<void> {
  try {
    await source.upright().resize(64, 64, { fit: "inside" }).raw().toBuffer();
  } catch (error) {
    throw new ImageRejectedError("The image is damaged or truncated and cannot be decoded", { cause: error });
  }
}
