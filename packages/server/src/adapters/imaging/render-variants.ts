import { encode as encodeBlurhash } from "blurhash";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import type { RenderedImage, RenderedVariants } from "../../ports/image-processor.js";

export interface VariantSizes {
  /** Long edge of the thumbnail, fit inside; at most `webSize`, since the thumbnail is made from the web image. */
  thumbSize: number;
  /** Long edge of the web image, fit inside. */
  webSize: number;
  webpQuality: number;
}

/** Small enough to be nearly free, large enough that 4×3 DCT components are stable. */
const BLURHASH_SOURCE_SIZE = 32;
const BLURHASH_COMPONENTS = { x: 4, y: 3 };

/**
 * Renders the web image, the thumbnail and the BlurHash with one decode: the upright image is decoded and
 * resized once to the web size (JPEG/WebP shrink-on-load where the ratio allows), and the thumbnail and
 * BlurHash are resized from those pixels, which costs a few ms instead of a second decode (a whole one for
 * PNG and HEIC, which have no shrink-on-load). Metadata is stripped by never calling
 * `keepMetadata`/`withMetadata`: sharp writes none by default, converting embedded ICC profiles to sRGB.
 */
export async function renderVariants(upright: () => Sharp, sizes: VariantSizes): Promise<RenderedVariants> {
  const webPixels = await fitInside(upright(), sizes.webSize).raw().toBuffer({ resolveWithObject: true });
  const [web, thumbPixels] = await Promise.all([
    encodeWebp(fromRaw(webPixels), sizes.webpQuality),
    fitInside(fromRaw(webPixels), sizes.thumbSize).raw().toBuffer({ resolveWithObject: true }),
  ]);
  const [thumb, blurhash] = await Promise.all([
    encodeWebp(fromRaw(thumbPixels), sizes.webpQuality),
    blurhashOf(fromRaw(thumbPixels)),
  ]);
  return { thumb, web, blurhash };
}

function fromRaw({ data, info }: { data: Buffer; info: OutputInfo }): Sharp {
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

function fitInside(pipeline: Sharp, size: number): Sharp {
  return pipeline
    .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb");
}

async function encodeWebp(pipeline: Sharp, quality: number): Promise<RenderedImage> {
  const { data, info } = await pipeline.webp({ quality }).toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: "image/webp", width: info.width, height: info.height };
}

async function blurhashOf(pipeline: Sharp): Promise<string> {
  const { data, info } = await pipeline
    .resize({ width: BLURHASH_SOURCE_SIZE, height: BLURHASH_SOURCE_SIZE, fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  return encodeBlurhash(pixels, info.width, info.height, BLURHASH_COMPONENTS.x, BLURHASH_COMPONENTS.y);
}
