import { ImageRejectedError } from "../../domain/errors.js";

/** The reason shown to the owner when an image is refused for its size. */
export function describePixelLimit(width: number, height: number, maxPixels: number): string {
  const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} MP`;
  return `The image is ${width}×${height} pixels (${megapixels(width * height)}); the largest accepted is ${megapixels(maxPixels)}`;
}

/**
 * Refuses dimensions over the limit. Called with the dimensions a header *claims*, before anything is
 * decoded: a few hundred bytes of PNG can claim 20,000 × 20,000 pixels (1.6 GB of RGBA).
 */
export function assertWithinPixelLimit(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new ImageRejectedError(describePixelLimit(width, height, maxPixels));
  }
}
