import { decode, isBlurhashValid } from "blurhash";

/** Placeholders are tiny and scaled up by CSS; 32×32 keeps decoding under a millisecond each. */
const SIZE = 32;
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 500;

/**
 * A data URL of a photo's BlurHash, for the tile's background while the thumbnail loads, or null for a
 * missing or malformed hash. It is a BMP built by hand rather than drawn on a canvas: no canvas is needed
 * (jsdom, workers), and the browser decodes it as fast as any image. Results are cached per hash.
 *
 * @example <div style={{ backgroundImage: `url(${blurhashDataUrl(photo.blurhash)})` }} />
 */
export function blurhashDataUrl(hash: string | null | undefined): string | null {
  if (!hash) return null;
  const cached = cache.get(hash);
  if (cached !== undefined) return cached;
  const url = isBlurhashValid(hash).result ? bmpDataUrl(decode(hash, SIZE, SIZE), SIZE, SIZE) : null;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(hash, url);
  return url;
}

/** RGBA pixels (row by row, top first) as a 32-bit top-down BMP data URL. */
export function bmpDataUrl(rgba: Uint8ClampedArray, width: number, height: number): string {
  const headerSize = 14 + 40;
  const bytes = new Uint8Array(headerSize + width * height * 4);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // "B"
  bytes[1] = 0x4d; // "M"
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, headerSize, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true); // negative: rows run top to bottom, as the pixels do
  view.setUint16(26, 1, true);
  view.setUint16(28, 32, true);
  for (let i = 0, o = headerSize; i < width * height * 4; i += 4, o += 4) {
    bytes[o] = rgba[i + 2]!;
    bytes[o + 1] = rgba[i + 1]!;
    bytes[o + 2] = rgba[i]!;
    bytes[o + 3] = 255;
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/bmp;base64,${btoa(binary)}`;
}
