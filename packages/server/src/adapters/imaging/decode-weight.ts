import sharp from "sharp";

/** What admitting a decode needs to know, from the header alone. */
export interface DecodeWeight {
  /** Width × height as the header claims them; 0 when the header is unreadable (the decode will refuse it). */
  pixels: number;
  /** HEVC-coded HEIC: decoded by libheif when opened, not only when rendered. */
  hevc: boolean;
}

/**
 * Reads the image's dimensions from its header: sharp's `metadata()` parses headers without decoding
 * pixels, so it costs next to nothing and is safe before any limit is checked.
 */
export async function decodeWeight(bytes: Buffer): Promise<DecodeWeight> {
  try {
    const { width, height, format, compression } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { pixels: (width ?? 0) * (height ?? 0), hevc: format === "heif" && compression === "hevc" };
  } catch {
    return { pixels: 0, hevc: false };
  }
}
