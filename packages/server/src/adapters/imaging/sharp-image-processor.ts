import type { ImageAnalysisResult, ImageProcessor, RenderedVariants } from "../../ports/image-processor.js";
import { readCapturedMetadata } from "./captured-metadata.js";
import { decodeWeight } from "./decode-weight.js";
import { HeicDecoder } from "./heic-decoder.js";
import { assertDecodes, openImage } from "./image-source.js";
import { renderVariants } from "./render-variants.js";
import type { WeightedSemaphore } from "./weighted-semaphore.js";

export interface SharpImageProcessorOptions {
  /** Larger images are refused from their header, before decoding: the guard against decompression bombs. */
  maxPixels?: number;
  /** Long edge of the thumbnail (fit inside). */
  thumbSize?: number;
  /** Long edge of the web-size image (fit inside, never enlarged). */
  webSize?: number;
  /** WebP quality 1–100 for both variants. */
  webpQuality?: number;
  /**
   * Decode HEIC in a worker thread (default): libheif in WebAssembly takes ~1.5 s for 12 MP and would stall
   * the event loop. Lambda, with one photo per invocation and a bundler, can decode inline with `false`.
   */
  heicInWorker?: boolean;
  /**
   * Admits decodes by pixels (width × height from the header), shared by every caller of this processor:
   * the memory a decode takes grows with its pixels (~3 bytes per pixel for a progressive JPEG), so the
   * budget bounds the host's RSS whatever mix of images arrives. Without it, decodes are not limited.
   */
  decodeBudget?: WeightedSemaphore;
}

const DEFAULTS: Required<Omit<SharpImageProcessorOptions, "decodeBudget">> = {
  maxPixels: 100_000_000,
  thumbSize: 200,
  webSize: 1600,
  webpQuality: 80,
  heicInWorker: true,
};

/**
 * The pipeline's image work on sharp (libvips), for both hosts: safe decoding within a pixel limit, HEIC from
 * phones through libheif (WebAssembly), camera metadata through exifr, and upright, sRGB, metadata-free WebP
 * variants with a BlurHash. Leaves sharp's global settings alone: the caller gets parallelism by processing
 * several photos at once (one libvips thread per image is the fastest use of a core here).
 *
 * @example
 * const images = new SharpImageProcessor({ maxPixels: 50_000_000 });
 * const { width, height, metadata } = await images.analyze(bytes);
 * const { thumb, web, blurhash } = await images.renderVariants(bytes);
 */
export class SharpImageProcessor implements ImageProcessor {
  private readonly options: Required<Omit<SharpImageProcessorOptions, "decodeBudget">>;
  private readonly heic: HeicDecoder;
  private readonly decodeBudget: WeightedSemaphore | undefined;

  constructor({ decodeBudget, ...options }: SharpImageProcessorOptions = {}) {
    this.options = { ...DEFAULTS, ...withoutUndefined(options) };
    this.decodeBudget = decodeBudget;
    if (this.options.thumbSize > this.options.webSize) {
      throw new RangeError(
        `thumbSize (${this.options.thumbSize}) must not exceed webSize (${this.options.webSize})`,
      );
    }
    this.heic = new HeicDecoder({ maxPixels: this.options.maxPixels, inWorker: this.options.heicInWorker });
  }

  /**
   * Header, format, pixel limit and metadata — no pixel decode for JPEG/PNG/WebP/…: `renderVariants`
   * decodes them anyway and refuses damaged data there, so a second, verifying decode here would cost a
   * third of the pipeline's time (shrink-on-load skips IDCT work, not the entropy decoding of the file).
   */
  async analyze(bytes: Buffer): Promise<ImageAnalysisResult> {
    // Only HEVC-coded HEIC decodes here (libheif needs the pixels to open it): that alone is admitted.
    return this.admitted(bytes, "hevc-only", async () => {
      const source = await openImage(bytes, this.options.maxPixels, this.heic);
      return {
        format: source.format,
        width: source.width,
        height: source.height,
        metadata: await readCapturedMetadata(source),
      };
    });
  }

  async renderVariants(bytes: Buffer): Promise<RenderedVariants> {
    return this.admitted(bytes, "always", async () => {
      const source = await openImage(bytes, this.options.maxPixels, this.heic);
      try {
        return await renderVariants(source.upright, this.options);
      } catch (error) {
        // A damaged file fails here: say so as a rejection of the image, not as a failure to retry.
        await assertDecodes(source);
        throw error;
      }
    });
  }

  /** Runs `decode` once the image's pixels fit in the decode budget (at once without a budget). */
  private async admitted<T>(
    bytes: Buffer,
    when: "always" | "hevc-only",
    decode: () => Promise<T>,
  ): Promise<T> {
    if (!this.decodeBudget) return decode();
    const weight = await decodeWeight(bytes);
    if (when === "hevc-only" && !weight.hevc) return decode();
    return this.decodeBudget.run(weight.pixels, decode);
  }

  /** Stops the HEIC worker thread if one is running (an idle one never keeps the process alive). */
  close(): Promise<void> {
    return this.heic.close();
  }
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
