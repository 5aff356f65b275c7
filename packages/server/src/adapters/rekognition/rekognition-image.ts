import sharp from "sharp";
import type { LabelerInput } from "../../ports/labeler.js";

/** Rekognition refuses images narrower or shorter than this. */
export const REKOGNITION_MIN_EDGE = 80;

const ACCEPTED_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/png"]);

/**
 * The bytes to send to Rekognition for a pipeline image. Rekognition reads only JPEG and PNG, and the
 * pipeline's `web` variant is WebP, so anything else is re-encoded as JPEG; an image under 80 px on an
 * edge is enlarged to it, so moderation still runs on tiny photos instead of failing the pipeline. The
 * `web` variant is at most 1600 px, which stays far below the 5 MB limit for inline bytes.
 */
export async function rekognitionImageBytes(image: LabelerInput): Promise<Uint8Array> {
  const tooSmall = Math.min(image.width, image.height) < REKOGNITION_MIN_EDGE;
  if (ACCEPTED_TYPES.has(image.contentType) && !tooSmall) return image.bytes;
  let pipeline = sharp(image.bytes);
  if (tooSmall) {
    const scale = REKOGNITION_MIN_EDGE / Math.max(1, Math.min(image.width, image.height));
    pipeline = pipeline.resize({
      width: Math.ceil(image.width * scale),
      height: Math.ceil(image.height * scale),
      fit: "fill",
    });
  }
  return pipeline.jpeg({ quality: 90 }).toBuffer();
}
