/**
 * Benchmark of the offline labeler (not a test): model load time, milliseconds per photo through the
 * worker, the main thread's longest event-loop stall, and peak RSS. The baseline is the same models and
 * decoding run on the main thread in the same process, so the ratio shows what the worker hop costs.
 *
 * Run: node --conditions=source --import tsx packages/server/src/adapters/labeling/labeler.bench.ts
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import type { LabelerInput } from "../../ports/labeler.js";
import { decodeToSquareRgb } from "./image-pixels.js";
import { locateModelFiles } from "./model-files.js";
import { MODERATION_INPUT_SIZE, ModerationClassifier } from "./moderation-classifier.js";
import { ObjectDetector } from "./object-detector.js";
import { OfflineLabeler } from "./offline-labeler.js";
import { useWasmBackend } from "./tfjs-wasm-runtime.js";

const PHOTOS = 20;
const fixtures = new URL("../../../test/fixtures/photos/", import.meta.url);

/** The pipeline hands the labeler its `web` variant, so the fixtures are scaled to 1600 px wide JPEGs. */
async function webVariants(): Promise<LabelerInput[]> {
  const sources = ["astronaut.jpg", "chelsea-cat.jpg", "coffee-cup.jpg"].map((name) =>
    readFileSync(new URL(name, fixtures)),
  );
  const variants = await Promise.all(
    sources.map(async (source) => {
      const { data, info } = await sharp(source)
        .resize({ width: 1600 })
        .jpeg({ quality: 85 })
        .toBuffer({ resolveWithObject: true });
      return { bytes: data, contentType: "image/jpeg", width: info.width, height: info.height };
    }),
  );
  return Array.from({ length: PHOTOS }, (_, index) => variants[index % variants.length]!);
}

interface Run {
  msPerPhoto: number;
  longestStallMs: number;
}

async function timed(photos: readonly LabelerInput[], analyze: (photo: LabelerInput) => Promise<unknown>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  for (const photo of photos) await analyze(photo);
  const elapsed = performance.now() - started;
  delay.disable();
  return { msPerPhoto: elapsed / photos.length, longestStallMs: delay.max / 1e6 } satisfies Run;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

const photos = await webVariants();

const loadStarted = performance.now();
const labeler = new OfflineLabeler();
await labeler.init();
const loadMs = performance.now() - loadStarted;
await labeler.analyze(photos[0]!);
const worker = await timed(photos, (photo) => labeler.analyze(photo));
// maxRSS covers the whole process, worker thread included (kilobytes).
const peakRssWithWorker = process.resourceUsage().maxRSS * 1024;
const rssAfterWorker = process.memoryUsage().rss;
await labeler.close();

// Baseline: the same decoding and models on the main thread.
const files = locateModelFiles();
await useWasmBackend(files.wasmDirectory);
const objects = await ObjectDetector.load(files.centernetModelJson);
const moderation = await ModerationClassifier.load(files.nsfwModelBundle, files.nsfwWeightBundle);
const inProcess = await timed(photos, async ({ bytes }) => {
  await objects.detect(await decodeToSquareRgb(bytes, objects.inputSize, "contain"));
  await moderation.classify(await decodeToSquareRgb(bytes, MODERATION_INPUT_SIZE, "fill"));
});

console.log(`offline labeler, ${PHOTOS} photos of 1600 px, Node ${process.version}`);
console.log(`  worker start + model load: ${Math.round(loadMs)} ms`);
console.log(
  `  through the worker: ${worker.msPerPhoto.toFixed(0)} ms/photo, longest main-thread stall ${worker.longestStallMs.toFixed(0)} ms`,
);
console.log(
  `  on the main thread (baseline): ${inProcess.msPerPhoto.toFixed(0)} ms/photo, longest stall ${inProcess.longestStallMs.toFixed(0)} ms`,
);
console.log(`  worker / baseline time per photo: ${(worker.msPerPhoto / inProcess.msPerPhoto).toFixed(2)}×`);
console.log(
  `  peak RSS with the worker: ${mib(peakRssWithWorker)}; RSS after the run: ${mib(rssAfterWorker)}`,
);
