import sharp from "sharp";

/** A real JPEG made on the spot: distinct colours give distinct bytes (and, later, distinct hashes). */
export function makeJpeg(width = 640, height = 480, colour = "#3a7"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export function makePng(width = 64, height = 48, colour = "#e52"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();
}
