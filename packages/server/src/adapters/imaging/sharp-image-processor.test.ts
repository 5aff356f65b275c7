import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { decode as decodeBlurhash, isBlurhashValid } from "blurhash";
import sharp from "sharp";
import {
  BLUE,
  cameraJpeg,
  canvas,
  fixture,
  metadataLeftIn,
  pixelAt,
  pngClaiming,
  RED,
  sidewaysJpeg,
} from "../../../test/support/test-images.js";
import { ImageRejectedError } from "../../domain/errors.js";
import type { RenderedImage } from "../../ports/image-processor.js";
import { SharpImageProcessor } from "./sharp-image-processor.js";

const sut = new SharpImageProcessor();

/** Asserts a variant is a WebP of the reported size carrying nothing but pixels. */
async function assertStrippedWebp(variant: RenderedImage) {
  assert.equal(variant.contentType, "image/webp");
  const left = await metadataLeftIn(variant.bytes);
  assert.equal(left.format, "webp");
  assert.deepEqual(
    { exif: left.exif, xmp: left.xmp, iptc: left.iptc, icc: left.icc },
    { exif: undefined, xmp: undefined, iptc: undefined, icc: undefined },
  );
  assert.deepEqual(
    left.chunks.filter((chunk) => !["VP8 ", "VP8L", "VP8X", "ALPH"].includes(chunk)),
    [],
  );
  const { width, height } = await sharp(variant.bytes).metadata();
  assert.deepEqual({ width, height }, { width: variant.width, height: variant.height });
}

/** Refused by both steps, or (damaged pixel data, found only by decoding) by `renderVariants` alone. */
async function assertRejected(
  bytes: Buffer,
  reason: RegExp,
  processor = sut,
  by: "both" | "render" = "both",
) {
  const attempts: (() => Promise<unknown>)[] = [() => processor.renderVariants(bytes)];
  if (by === "both") attempts.push(() => processor.analyze(bytes));
  for (const attempt of attempts) {
    await assert.rejects(attempt(), (error: unknown) => {
      assert.ok(error instanceof ImageRejectedError, `expected ImageRejectedError, got ${String(error)}`);
      assert.match(error.reason, reason);
      return true;
    });
  }
}

describe(SharpImageProcessor.name, () => {
  after(() => sut.close());

  describe("analyze", () => {
    it("reads capture time with its offset, camera, exposure and GPS from a camera JPEG", async () => {
      const result = await sut.analyze(await cameraJpeg());
      assert.deepEqual(result, {
        format: "jpeg",
        width: 300,
        height: 200,
        metadata: {
          orientation: 1,
          takenAt: new Date("2024-05-06T05:08:09Z"),
          takenAtOffset: "+02:00",
          camera: { make: "Shoebox", model: "Test Cam 1", lens: "Prime 35" },
          exposure: { exposureTime: 1 / 250, fNumber: 2.8, iso: 400, focalLength: 35 },
          gps: { latitude: -(33 + 52 / 60), longitude: 151 + 12 / 60 + 30 / 3600, altitude: 58 },
        },
      });
    });

    it("reads a real iPhone JPEG: upright dimensions for orientation 6, lens, ISO and GPS altitude", async () => {
      const { format, width, height, metadata } = await sut.analyze(
        fixture("iphone-4s-orientation-6-gps.jpg"),
      );
      assert.deepEqual({ format, width, height }, { format: "jpeg", width: 102, height: 205 });
      assert.equal(metadata.orientation, 6);
      assert.deepEqual(metadata.takenAt, new Date("2014-09-01T15:03:47Z"));
      assert.deepEqual(metadata.camera, {
        make: "Apple",
        model: "iPhone 4S",
        lens: "iPhone 4S back camera 4.28mm f/2.4",
      });
      assert.equal(metadata.exposure?.iso, 50);
      assert.equal(metadata.exposure?.fNumber, 2.4);
      assert.ok(Math.abs((metadata.gps?.latitude ?? 0) - (59 + 19 / 60 + 57.17 / 3600)) < 1e-9);
      assert.ok(Math.abs((metadata.gps?.longitude ?? 0) - (18 + 3 / 60 + 53.79 / 3600)) < 1e-9);
      assert.equal(metadata.gps?.altitude, 29);
    });

    it("reads a real Nikon JPEG without ISO or altitude, leaving those fields out", async () => {
      const { metadata } = await sut.analyze(fixture("nikon-d2h-gps.jpg"));
      assert.deepEqual(metadata.camera, { make: "NIKON CORPORATION", model: "NIKON D2H" });
      assert.deepEqual(metadata.exposure, { exposureTime: 0.008, fNumber: 4.5, focalLength: 23.33 });
      assert.deepEqual(metadata.gps, {
        latitude: 39 + 54 / 60 + 56 / 3600,
        longitude: 116 + 23 / 60 + 27 / 3600,
      });
      assert.deepEqual(metadata.takenAt, new Date("2003-11-23T18:07:37Z"));
    });

    it("omits malformed GPS and camera fields instead of failing (real HTC file with GPS as strings)", async () => {
      const { metadata } = await sut.analyze(fixture("htc-gps-as-strings.jpg"));
      assert.equal(metadata.gps, undefined);
      assert.equal(metadata.camera, undefined);
      assert.deepEqual(metadata.takenAt, new Date("2014-04-26T19:09:19Z"));
    });

    it("survives an EXIF block whose IFD chain loops, and still reads the ICC profile name", async () => {
      const result = await sut.analyze(fixture("corrupt-exif-loop.jpg"));
      assert.deepEqual(result, {
        format: "jpeg",
        width: 8,
        height: 8,
        metadata: { orientation: 1, colorProfile: "sRGB IEC61966-2.1" },
      });
    });

    it("reports nothing at all for an image without metadata, and names AVIF as avif", async () => {
      const avif = await canvas(64, 48).avif().toBuffer();
      assert.deepEqual(await sut.analyze(avif), { format: "avif", width: 64, height: 48, metadata: {} });
    });

    it("decodes an HEVC HEIC that libvips cannot, and reads its EXIF", async () => {
      const { format, width, height, metadata } = await sut.analyze(fixture("nikon-d2h-gps.heic"));
      assert.deepEqual({ format, width, height }, { format: "heif", width: 500, height: 375 });
      assert.deepEqual(metadata.camera, { make: "NIKON CORPORATION", model: "NIKON D2H" });
      assert.equal(metadata.gps?.latitude, 39 + 54 / 60 + 56 / 3600);
    });
  });

  describe("renderVariants", () => {
    it("strips EXIF, GPS, XMP and ICC from both variants of a camera JPEG", async () => {
      const variants = await sut.renderVariants(await cameraJpeg());
      for (const variant of [variants.thumb, variants.web]) {
        await assertStrippedWebp(variant);
        const text = variant.bytes.toString("latin1");
        for (const leak of ["Shoebox", "Test Cam", "Prime 35", "xmpmeta", "Exif"])
          assert.ok(!text.includes(leak));
      }
    });

    it("strips the metadata of real camera files (Nikon JPEG with XMP, HEIC)", async () => {
      for (const name of ["nikon-d2h-gps.jpg", "nikon-d2h-gps.heic"]) {
        const { thumb, web } = await sut.renderVariants(fixture(name));
        await assertStrippedWebp(thumb);
        await assertStrippedWebp(web);
        assert.deepEqual([web.width, web.height, thumb.width, thumb.height], [500, 375, 200, 150]);
      }
    });

    it("turns a sideways photo upright: the pixels rotate, not just the dimensions", async () => {
      const { thumb, web } = await sut.renderVariants(await sidewaysJpeg());
      assert.deepEqual([web.width, web.height], [200, 300]);
      assert.deepEqual([thumb.width, thumb.height], [133, 200]);
      // Rotating 90° clockwise moves the stored top-left corner to the top right.
      const topRight = await pixelAt(web.bytes, web.width - 10, 10);
      const topLeft = await pixelAt(web.bytes, 10, 10);
      assert.ok(topRight[0] > 200 && topRight[2] < 60, `top right should be red, is ${topRight}`);
      assert.ok(topLeft[0] < 60 && topLeft[2] > 200, `top left should be blue, is ${topLeft}`);
    });

    it("keeps the real iPhone photo upright and a HEIC's EXIF orientation unapplied (HEIF rotates by irot only)", async () => {
      const jpeg = await sut.renderVariants(fixture("iphone-4s-orientation-6-gps.jpg"));
      assert.deepEqual([jpeg.web.width, jpeg.web.height], [102, 205]);
      const heic = await sut.renderVariants(fixture("iphone-4s-exif-orientation-6.heic"));
      assert.deepEqual([heic.web.width, heic.web.height], [205, 102]);
    });

    it("fits large images inside 200 and 1600 px and never enlarges small ones", async () => {
      const large = await sut.renderVariants(await canvas(2400, 1800).jpeg().toBuffer());
      assert.deepEqual(
        [large.thumb.width, large.thumb.height, large.web.width, large.web.height],
        [200, 150, 1600, 1200],
      );
      const small = await sut.renderVariants(await canvas(120, 80).png().toBuffer());
      assert.deepEqual(
        [small.thumb.width, small.thumb.height, small.web.width, small.web.height],
        [120, 80, 120, 80],
      );
    });

    it("honours configured sizes", async () => {
      const processor = new SharpImageProcessor({ thumbSize: 64, webSize: 500 });
      const { thumb, web } = await processor.renderVariants(await canvas(1000, 2000).jpeg().toBuffer());
      assert.deepEqual([thumb.width, thumb.height, web.width, web.height], [32, 64, 250, 500]);
      assert.throws(() => new SharpImageProcessor({ thumbSize: 800, webSize: 500 }), RangeError);
    });

    it("returns a 4×3 BlurHash that decodes to the photo's colour", async () => {
      const { blurhash } = await sut.renderVariants(await canvas(400, 300, RED).jpeg().toBuffer());
      assert.equal(blurhash.length, 28);
      assert.deepEqual(isBlurhashValid(blurhash), { result: true });
      const pixels = decodeBlurhash(blurhash, 8, 6);
      assert.ok(pixels[0]! > 200 && pixels[1]! < 40 && pixels[2]! < 40, `decoded ${pixels.subarray(0, 3)}`);
    });

    it("converts a Display P3 photo to sRGB instead of passing its numbers through", async () => {
      const colour = { r: 200, g: 100, b: 50 };
      const p3 = await sharp({ create: { width: 64, height: 64, channels: 3, background: colour } })
        .withIccProfile("p3")
        .png()
        .toBuffer();
      const stored = await sharp(p3, { ignoreIcc: true }).raw().toBuffer();
      assert.ok(Math.abs(stored[0]! - colour.r) > 8, "the P3 numbers differ from the sRGB ones");
      // libvips names its built-in Display P3 profile "sP3C" (an ICC v4 multi-localised description).
      assert.equal((await sut.analyze(p3)).metadata.colorProfile, "sP3C");
      const { web } = await sut.renderVariants(p3);
      const [r, g, b] = await pixelAt(web.bytes, 32, 32);
      assert.ok(Math.abs(r - colour.r) <= 4 && Math.abs(g - colour.g) <= 4 && Math.abs(b - colour.b) <= 4);
    });

    it("keeps transparency", async () => {
      const png = await sharp({
        create: { width: 50, height: 50, channels: 4, background: { ...BLUE, alpha: 0 } },
      })
        .png()
        .toBuffer();
      const { web } = await sut.renderVariants(png);
      assert.equal((await sharp(web.bytes).metadata()).hasAlpha, true);
    });
  });

  describe("HEIC decoding", () => {
    it("gives the same result on the calling thread (for Lambda) as in the worker thread", async () => {
      const inline = new SharpImageProcessor({ heicInWorker: false });
      const bytes = fixture("nikon-d2h-gps.heic");
      assert.deepEqual(await inline.analyze(bytes), await sut.analyze(bytes));
      const [mine, theirs] = await Promise.all([inline.renderVariants(bytes), sut.renderVariants(bytes)]);
      assert.equal(mine.blurhash, theirs.blurhash);
      assert.ok(mine.web.bytes.equals(theirs.web.bytes));
      await assertRejected(fixture("iphone-park-truncated.heic"), /HEIC .*damaged/, inline);
    });

    it("starts a new worker after close()", async () => {
      const processor = new SharpImageProcessor();
      const bytes = fixture("iphone-4s-exif-orientation-6.heic");
      assert.equal((await processor.analyze(bytes)).width, 205);
      await processor.close();
      assert.equal((await processor.analyze(Buffer.from(bytes))).width, 205);
      await processor.close();
    });
  });

  describe("refuses", () => {
    it("a tiny PNG that claims 20,000 × 20,000 pixels, from its header", async () => {
      const bomb = pngClaiming(20_000, 20_000);
      assert.ok(bomb.length < 200);
      await assertRejected(bomb, /20000×20000 pixels \(400 MP\); the largest accepted is 100 MP/);
    });

    it("a whole, decodable image over a configured limit", async () => {
      const processor = new SharpImageProcessor({ maxPixels: 1_000_000 });
      const flat = await canvas(2000, 2000).png({ compressionLevel: 9 }).toBuffer();
      await assertRejected(flat, /2000×2000 pixels/, processor);
    });

    it("a truncated JPEG", async () => {
      const whole = await sharp({
        create: {
          width: 800,
          height: 600,
          channels: 3,
          background: "#888",
          noise: { type: "gaussian", mean: 128, sigma: 30 },
        },
      })
        .jpeg()
        .toBuffer();
      const truncated = whole.subarray(0, whole.length / 2);
      await assertRejected(truncated, /damaged or truncated/, sut, "render");
      // Its header is intact: analyze reads it without decoding pixels, which renderVariants then does.
      assert.equal((await sut.analyze(truncated)).width, 800);
    });

    it("a real iPhone HEIC cut short", async () => {
      await assertRejected(fixture("iphone-park-truncated.heic"), /HEIC .*damaged/);
    });

    it("text named .jpg, zero bytes and an SVG", async () => {
      await assertRejected(Buffer.from("definitely a photo, trust me"), /not a readable image/);
      await assertRejected(Buffer.alloc(0), /empty/);
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
      await assertRejected(svg, /SVG format are not accepted/);
    });
  });
});
