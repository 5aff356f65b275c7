import { readFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

const FIXTURES = new URL("../fixtures/images/", import.meta.url);

/** A committed real-world file from `packages/server/test/fixtures/images` (see SOURCES.md there). */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

export const RED = { r: 255, g: 0, b: 0 };
export const BLUE = { r: 0, g: 0, b: 255 };

/** A plain-colour canvas; noise makes the JPEG realistic in size (and the decoder do real work). */
export function canvas(width: number, height: number, background = BLUE) {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** A JPEG as a camera writes it: make/model/lens, exposure, capture time with offset, GPS with altitude. */
export function cameraJpeg(width = 300, height = 200): Promise<Buffer> {
  return canvas(width, height)
    .withExif({
      IFD0: { Make: "Shoebox", Model: "Test Cam 1" },
      IFD2: {
        DateTimeOriginal: "2024:05:06 07:08:09",
        OffsetTimeOriginal: "+02:00",
        ExposureTime: "1/250",
        FNumber: "28/10",
        ISOSpeedRatings: "400",
        FocalLength: "35/1",
        LensModel: "Prime 35",
      },
      IFD3: {
        GPSLatitudeRef: "S",
        GPSLatitude: "33/1 52/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "151/1 12/1 30/1",
        GPSAltitudeRef: "0",
        GPSAltitude: "58/1",
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
    )
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A 300×200 JPEG as stored by a camera held upright: a red block in the stored top-left corner on blue, and
 * EXIF orientation 6 ("rotate 90° clockwise to view"), so viewers see a 200×300 image with red top-right.
 */
export async function sidewaysJpeg(): Promise<Buffer> {
  const redCorner = await canvas(40, 40, RED).png().toBuffer();
  return canvas(300, 200)
    .composite([{ input: redCorner, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/**
 * A PNG of a few hundred bytes whose header claims `width` × `height` 8-bit grey pixels; its data holds one
 * row. Decoding it would allocate width × height bytes before finding out.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc(width + 1))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * Everything a viewer's browser could read about the photo beyond its pixels, as two independent readers see
 * it: libvips, and the WebP container's own chunk list (exifr cannot read WebP).
 */
export async function metadataLeftIn(webp: Buffer) {
  const { format, exif, xmp, iptc, icc } = await sharp(webp).metadata();
  return { format, exif, xmp, iptc, icc, chunks: riffChunks(webp) };
}

/** The FourCCs of a RIFF (WebP) file's top-level chunks: VP8/VP8L/VP8X/ALPH carry pixels, EXIF/XMP/ICCP do not. */
export function riffChunks(file: Buffer): string[] {
  if (file.toString("latin1", 0, 4) !== "RIFF" || file.toString("latin1", 8, 12) !== "WEBP") {
    throw new Error("not a WebP file");
  }
  const chunks: string[] = [];
  for (let at = 12; at + 8 <= file.length; ) {
    chunks.push(file.toString("latin1", at, at + 4));
    const size = file.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return chunks;
}

/** The RGB of one pixel of a decoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}
