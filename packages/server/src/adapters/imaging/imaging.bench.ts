/**
 * The image pipeline on a synthetic 12 MP camera JPEG (4000×3000, noisy so it compresses like a photo):
 * `SharpImageProcessor.renderVariants` against bare sharp producing the same two WebP variants, one photo at a
 * time and two at a time (the pipeline's concurrency); AVIF against WebP for the 1600 px web image; HEIC decode
 * through libheif (WebAssembly). Figures are ratios to baselines measured in the same run.
 * Run: `node --conditions=source --import tsx packages/server/src/adapters/imaging/imaging.bench.ts [large.heic]`
 * (a 12 MP HEIC can be made with `heif-enc` from Debian's libheif-examples; without one the 500×375 fixture is used).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { HeicDecoder } from "./heic-decoder.js";
import { SharpImageProcessor } from "./sharp-image-processor.js";

const PHOTOS = 8;

async function syntheticPhoto(): Promise<Buffer> {
  const noise = { type: "gaussian", mean: 128, sigma: 24 } as const;
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#888", noise } })
    .withExif({ IFD0: { Make: "Bench", Model: "Synthetic 12 MP" } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The same two variants with nothing around them: the floor for what the adapter can cost. */
async function bareSharp(bytes: Buffer): Promise<number> {
  const variant = (size: number) =>
    sharp(bytes)
      .rotate()
      .resize({ width: size, height: size, fit: "inside" })
      .webp({ quality: 80 })
      .toBuffer();
  const [thumb, web] = await Promise.all([variant(200), variant(1600)]);
  return thumb.length + web.length;
}

/** Mean milliseconds per photo, running `concurrency` photos at once. */
async function msPerPhoto(
  work: () => Promise<unknown>,
  concurrency: number,
  photos = PHOTOS,
): Promise<number> {
  await work();
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next++ < photos) await work();
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return (performance.now() - started) / photos;
}

async function time<T>(work: () => Promise<T>, rounds = 3): Promise<{ ms: number; result: T }> {
  let result = await work();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) result = await work();
  return { ms: (performance.now() - started) / rounds, result };
}

const photo = await syntheticPhoto();
const processor = new SharpImageProcessor();
console.log(
  `synthetic photo: 4000×3000 JPEG, ${(photo.length / 1e6).toFixed(1)} MB; sharp concurrency ${sharp.concurrency()}`,
);

const analyze = await time(() => processor.analyze(photo));
console.log(`analyze: ${analyze.ms.toFixed(0)} ms`);
for (const concurrency of [1, 2]) {
  const bare = await msPerPhoto(() => bareSharp(photo), concurrency);
  const adapter = await msPerPhoto(() => processor.renderVariants(photo), concurrency);
  console.log(
    `renderVariants, ${concurrency} at a time: ${adapter.toFixed(0)} ms/photo (${(1000 / adapter).toFixed(2)} photos/s), ` +
      `bare sharp ${bare.toFixed(0)} ms/photo (${(1000 / bare).toFixed(2)} photos/s): ratio ${(adapter / bare).toFixed(2)}×`,
  );
}

const FIXTURES = new URL("../../../test/fixtures/images/", import.meta.url);

/** Noise is the worst case for any codec; a real photo enlarged to 12 MP with sensor-like grain is a fairer one. */
async function grainyRealPhoto(): Promise<Buffer> {
  const enlarged = await sharp(readFileSync(new URL("nikon-d2h-gps.jpg", FIXTURES)))
    .resize(4000, 3000)
    .toBuffer();
  const noise = { type: "gaussian", mean: 128, sigma: 10 } as const;
  const grain = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#888", noise } })
    .png()
    .toBuffer();
  return sharp(enlarged)
    .composite([{ input: grain, blend: "soft-light" }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

for (const [content, source] of [
  ["noise", photo],
  ["grainy real photo", await grainyRealPhoto()],
] as const) {
  const web = () => sharp(source).rotate().resize({ width: 1600, height: 1600, fit: "inside" });
  const webp = await time(() => web().webp({ quality: 80 }).toBuffer());
  console.log(
    `${content}, web variant WebP q80: ${webp.ms.toFixed(0)} ms, ${(webp.result.length / 1024).toFixed(0)} KiB`,
  );
  for (const options of [{ quality: 50 }, { quality: 50, effort: 2 }]) {
    const avif = await time(() => web().avif(options).toBuffer());
    console.log(
      `${content}, web variant AVIF ${JSON.stringify(options)}: ${avif.ms.toFixed(0)} ms (${(avif.ms / webp.ms).toFixed(1)}× WebP), ` +
        `${(avif.result.length / 1024).toFixed(0)} KiB (${(avif.result.length / webp.result.length).toFixed(2)}× WebP)`,
    );
  }
}

const heicPath = process.argv[2] ?? new URL("nikon-d2h-gps.heic", FIXTURES);
const heic = readFileSync(heicPath);
// A new decoder per round: the decoder keeps one result per buffer, which would turn rounds 2+ into lookups.
const heicDecode = await time(() =>
  new HeicDecoder({ maxPixels: 100_000_000, inWorker: false }).decode(heic),
);
const { width, height } = heicDecode.result;
console.log(
  `HEIC ${width}×${height} (${(heic.length / 1e6).toFixed(2)} MB): libheif decode ${heicDecode.ms.toFixed(0)} ms ` +
    `(${(heicDecode.ms / ((width * height) / 1e6)).toFixed(0)} ms/MP)`,
);
for (const heicInWorker of [false, true]) {
  const processor = new SharpImageProcessor({ heicInWorker });
  const stall = await longestEventLoopStall(() => processor.renderVariants(Buffer.from(heic)));
  console.log(
    `HEIC renderVariants ${heicInWorker ? "with a worker thread" : "on the main thread"}: ${stall.ms.toFixed(0)} ms, ` +
      `longest event-loop stall ${stall.stall.toFixed(0)} ms`,
  );
  await processor.close();
}

/** Wall time of `work` and the longest gap between 5 ms ticks meanwhile: what an HTTP request would wait. */
async function longestEventLoopStall(work: () => Promise<unknown>): Promise<{ ms: number; stall: number }> {
  let stall = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  clearInterval(ticker);
  return { ms, stall };
}
