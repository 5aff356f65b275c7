import sharp, { type Metadata } from "sharp";
import { ImageRejectedError } from "../../domain/errors.js";
import type { ImageFacts, ImageInspector } from "../../ports/image-inspector.js";

export interface SharpImageInspectorOptions {
  /** Larger images are refused before decoding: the guard against decompression bombs. */
  maxPixels: number;
}

/**
 * Decodes the image with sharp (libvips) to prove it is whole: reading the header alone would accept a
 * truncated JPEG. The decode is a small shrink-on-load thumbnail, so a 12 MP JPEG costs tens of ms.
 */
export class SharpImageInspector implements ImageInspector {
  constructor(private readonly options: SharpImageInspectorOptions) {}

  async inspect(bytes: Buffer): Promise<ImageFacts> {
    let metadata: Metadata;
    try {
      // Reading the header decodes no pixels, so it is safe without the limit and lets us say why we refuse.
      metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch (error) {
      throw new ImageRejectedError("The file is not a readable image", { cause: error });
    }
    const { format, width, height } = metadata;
    if (!format || !width || !height) throw new ImageRejectedError("The image has no dimensions");
    if (width * height > this.options.maxPixels) {
      throw new ImageRejectedError(
        `The image is ${width}×${height} pixels; the largest accepted is ${this.options.maxPixels} pixels`,
      );
    }
    try {
      await sharp(bytes, { limitInputPixels: this.options.maxPixels, failOn: "error" })
        .resize(64, 64, { fit: "inside" })
        .raw()
        .toBuffer();
    } catch (error) {
      throw new ImageRejectedError("The image is damaged or truncated and cannot be decoded", {
        cause: error,
      });
    }
    return { format, width, height };
  }
}
