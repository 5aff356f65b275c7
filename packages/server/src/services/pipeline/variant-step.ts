import { variantObjectKey } from "../../domain/object-keys.js";
import type { VariantName } from "../../domain/photo.js";
import type { PhotoVariant, PhotoVariants } from "../../domain/photo-details.js";
import type { ImageProcessor, RenderedImage } from "../../ports/image-processor.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";

export interface WrittenVariants {
  variants: PhotoVariants;
  blurhash: string;
  /** The web rendition's bytes, for the labeler. */
  web: RenderedImage;
}

/**
 * Renders the stripped variants and stores them under `variants/{photoId}/` — outside `uploads/`, so the
 * writes raise no ObjectCreated events, and at keys derived from the id alone, so a re-run after a crash
 * overwrites the same objects with the same bytes instead of adding a second set.
 */
export async function writeVariants(
  store: PhotoBucket,
  images: ImageProcessor,
  photoId: string,
  original: Buffer,
): Promise<WrittenVariants> {
  const rendered = await images.renderVariants(original);
  const write = async (name: VariantName, image: RenderedImage): Promise<PhotoVariant> => {
    const key = variantObjectKey(photoId, name);
    await store.write(key, image.bytes, {
      contentType: image.contentType,
      contentLength: image.bytes.length,
      metadata: { "photo-id": photoId },
    });
    return { key, contentType: image.contentType, width: image.width, height: image.height };
  };
  const [thumb, web] = await Promise.all([write("thumb", rendered.thumb), write("web", rendered.web)]);
  return { variants: { thumb, web }, blurhash: rendered.blurhash, web: rendered.web };
}
