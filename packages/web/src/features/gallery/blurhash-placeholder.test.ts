import { encode } from "blurhash";
import { describe, expect, it } from "vitest";
import { blurhashDataUrl, bmpDataUrl } from "./blurhash-placeholder.js";

function bytesOf(dataUrl: string): Uint8Array {
  const base64 = dataUrl.replace(/^data:image\/bmp;base64,/, "");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** An image that is one colour everywhere: its BlurHash decodes back to (nearly) that colour. */
function solid(width: number, height: number, [r, g, b]: [number, number, number]): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([r, g, b, 255], i);
  return pixels;
}

describe("blurhashDataUrl", () => {
  it("decodes a BlurHash to a 32×32 BMP of the photo's colours", () => {
    const hash = encode(solid(8, 8, [200, 40, 90]), 8, 8, 1, 1);

    const bytes = bytesOf(blurhashDataUrl(hash)!);
    const view = new DataView(bytes.buffer);

    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("BM");
    expect(view.getInt32(18, true)).toBe(32);
    expect(view.getInt32(22, true)).toBe(-32);
    const [blue, green, red] = [bytes[54]!, bytes[55]!, bytes[56]!];
    expect(Math.abs(red - 200)).toBeLessThanOrEqual(3);
    expect(Math.abs(green - 40)).toBeLessThanOrEqual(3);
    expect(Math.abs(blue - 90)).toBeLessThanOrEqual(3);
  });

  it("answers null for a missing or malformed hash instead of throwing", () => {
    expect(blurhashDataUrl(null)).toBeNull();
    expect(blurhashDataUrl("")).toBeNull();
    expect(blurhashDataUrl("not a blurhash")).toBeNull();
  });

  it("returns the same URL for the same hash without decoding again", () => {
    const hash = encode(solid(4, 4, [10, 120, 30]), 4, 4, 3, 3);
    expect(blurhashDataUrl(hash)).toBe(blurhashDataUrl(hash));
  });
});

describe("bmpDataUrl", () => {
  it("writes pixels top row first, as BGRA", () => {
    const pixels = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]);
    const bytes = bytesOf(bmpDataUrl(pixels, 1, 2));
    expect(Array.from(bytes.subarray(54))).toEqual([0, 0, 255, 255, 255, 0, 0, 255]);
    expect(new DataView(bytes.buffer).getUint32(2, true)).toBe(bytes.length);
  });
});
