/**
 * Everything the pipeline does with pixels, behind one port so the same steps run in the embedded host and
 * on Lambda: decode safely, read the photo's own metadata, and render the stripped variants viewers get.
 */
export interface ImageProcessor {
  /**
   * Reads the image's header and metadata and checks it is an accepted format within the pixel limit
   * (decompression bombs are refused here, before any pixels are decoded). Throws `ImageRejectedError`
   * (domain) for anything else. Damaged pixel data may only show when decoding: `renderVariants` refuses it.
   */
  analyze(bytes: Buffer): Promise<ImageAnalysisResult>;
  /**
   * Renders the variants: auto-oriented (EXIF orientation applied), sRGB, WebP, **all metadata stripped**
   * (no EXIF, GPS, XMP, ICC beyond sRGB). Also a BlurHash of the upright image for placeholders.
   * Throws `ImageRejectedError` when the image is damaged or truncated.
   */
  renderVariants(bytes: Buffer): Promise<RenderedVariants>;
}

export interface ImageAnalysisResult {
  /** The decoder's format name: "jpeg", "png", "webp", "gif", "avif", "heif", "tiff". */
  format: string;
  /** Upright dimensions (after applying EXIF orientation), as viewers see the photo. */
  width: number;
  height: number;
  metadata: CapturedMetadata;
}

/** What the camera recorded. Every field is optional: many images carry none of it. */
export interface CapturedMetadata {
  /** EXIF orientation 1..8 as stored (1 = upright). */
  orientation?: number;
  /** DateTimeOriginal (with OffsetTimeOriginal when present; otherwise interpreted as UTC). */
  takenAt?: Date;
  /** OffsetTimeOriginal ("+02:00") when the camera wrote a valid one with `takenAt`. */
  takenAtOffset?: string;
  camera?: { make?: string; model?: string; lens?: string };
  exposure?: { exposureTime?: number; fNumber?: number; iso?: number; focalLength?: number };
  /** Decimal degrees; private to the owner. */
  gps?: { latitude: number; longitude: number; altitude?: number };
  /** ICC profile description, e.g. "sRGB IEC61966-2.1", "Display P3". */
  colorProfile?: string;
}

export interface RenderedVariants {
  /** 200 px, fit inside (seed 003). */
  thumb: RenderedImage;
  /** 1600 px on the long edge, never enlarged. */
  web: RenderedImage;
  /** BlurHash (4×3 components) of the upright image. */
  blurhash: string;
}

export interface RenderedImage {
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
}
