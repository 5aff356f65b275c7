import { ImageRejectedError } from "../../domain/errors.js";
import { assertWithinPixelLimit } from "./pixel-limit.js";

/** Decoded RGBA pixels, already upright: libheif applies the container's irot/imir transformations. */
export interface RgbaImage {
  width: number;
  height: number;
  /** 4 bytes per pixel, row after row. */
  data: Uint8Array;
}

/**
 * Decodes the primary image of an HEVC-coded HEIC with libheif compiled to WebAssembly, refusing it from the
 * container's dimensions before any pixel is decoded. Synchronous work of ~130 ms per megapixel: callers that
 * share a thread with anything latency-sensitive run it in a worker (`heic-decode.worker.ts`).
 */
export async function decodeHeicPixels(bytes: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  // Loaded on first use: 2 MB of JavaScript with the WebAssembly inlined, which most hosts never need.
  const { default: heicDecode } = await import("heic-decode");
  let images: Awaited<ReturnType<typeof heicDecode.all>>;
  try {
    images = await heicDecode.all({ buffer: bytes });
  } catch (error) {
    throw new ImageRejectedError("The HEIC file is damaged and cannot be read", { cause: error });
  }
  try {
    const primary = images[0];
    if (!primary) throw new ImageRejectedError("The HEIC file contains no image");
    assertWithinPixelLimit(primary.width, primary.height, maxPixels);
    const { width, height, data } = await primary.decode().catch((error: unknown) => {
      throw new ImageRejectedError("The HEIC image is damaged or truncated and cannot be decoded", {
        cause: error,
      });
    });
    return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } finally {
    images.dispose();
  }
}
