/**
 * The photo pipeline on 12-megapixel JPEGs (`npm run bench -w packages/server` runs it after the ticket
 * benchmark; `node --conditions=source --import tsx bench/pipeline.ts` alone):
 * - photos/s through the whole pipeline (read from the store, verify, metadata, both variants written,
 *   record) with two workers, as a ratio to bare sharp producing the same two variants two at a time;
 * - the same with the offline labeler on;
 * - time from the upload's answer to `ready` at low load (one photo at a time), p50/p95;
 * - the host process's RSS while it works through the batch (peak, and after warm-up vs at the end).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { signUpAndConfirm } from "../test/support/api-client.js";
import { TestMailbox } from "../test/support/test-mailbox.js";
import { median } from "./measure.js";
import { nextJson, startPipelineHost } from "./pipeline-host-process.js";

const PHOTOS = Number(process.env.BENCH_PIPELINE_PHOTOS ?? 200);
const LABELED_PHOTOS = Number(process.env.BENCH_LABELED_PHOTOS ?? 30);
const LATENCY_PHOTOS = Number(process.env.BENCH_LATENCY_PHOTOS ?? 20);
const WIDTH = 4000;
const HEIGHT = 3000;

const work = mkdtempSync(join(tmpdir(), "shoebox-pipeline-bench-"));
// Benchmark users confirm their email like anyone else: the hosts mail their codes to this SMTP server.
const mailbox = await TestMailbox.start();

/** Distinct 12 MP JPEGs (a photo-like gradient with grain; a few changed pixels make each one unique). */
async function makePhotos(count: number): Promise<string[]> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.sin(i * 0.001) * 60 + 128 + ((i * 7919) % 41)) & 255;
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    // n in base 4 as five 64×64 grey patches 85 levels apart: coarse enough to survive JPEG quantisation,
    // so every photo has different bytes (the pipeline would mark identical ones as duplicates).
    for (let digit = 0; digit < 5; digit++) {
      const level = 85 * (Math.floor(n / 4 ** digit) % 4);
      for (let y = 0; y < 64; y++)
        raw.fill(level, (y * WIDTH + digit * 64) * 3, (y * WIDTH + digit * 64 + 64) * 3);
    }
    const file = join(work, `photo-${n}.jpg`);
    writeFileSync(
      file,
      await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer(),
    );
    files.push(file);
  }
  return files;
}

/** The baseline: sharp alone making the same two WebP variants, two photos at a time (both cores). */
async function bareSharp(files: string[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const input = readFileSync(files[next++]!);
      await Promise.all([
        sharp(input)
          .rotate()
          .resize(1600, 1600, { fit: "inside", withoutEnlargement: true })
          .webp()
          .toBuffer(),
        sharp(input).rotate().resize(200, 200, { fit: "inside", withoutEnlargement: true }).webp().toBuffer(),
      ]);
    }
  };
  await Promise.all([worker(), worker()]);
  return files.length / ((performance.now() - started) / 1000);
}

function startHost(env: Record<string, string>): ReturnType<typeof startPipelineHost> {
  return startPipelineHost(env, mailbox.url);
}

/** The few response fields the benchmark reads (tokens, tickets, photo status). */
interface ApiAnswer {
  idToken: string;
  photoId: string;
  url: string;
  headers: Record<string, string>;
  status: string;
}

async function api(
  base: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as ApiAnswer;
}

async function upload(base: string, token: string, file: string): Promise<string> {
  const bytes = readFileSync(file);
  const ticket = await api(base, token, "POST", "/api/photos/initiate-upload", {
    filename: "bench.jpg",
    contentType: "image/jpeg",
    size: bytes.length,
    method: "PUT",
  });
  const res = await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: bytes });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ticket.photoId;
}

interface DrainReport {
  elapsedMs: number;
  notReady: number;
  peakRssMiB: number;
  rssSamplesMiB: number[];
  deadLetters: number;
}

/** Uploads every file with workers off, then starts workers and times the queue draining. */
async function throughput(
  files: string[],
  labeling: "on" | "off",
): Promise<DrainReport & { photosPerSecond: number }> {
  const dataDir = mkdtempSync(join(work, "host-"));
  const first = startHost({ BENCH_DATA_DIR: dataDir, BENCH_WORKERS: "off", BENCH_LABELING: labeling });
  const { url, s3Url } = await nextJson<{ url: string; s3Url: string }>(first.lines);
  const { idToken } = await signUpAndConfirm(url, mailbox, {
    email: "bench@example.test",
    password: "benchmark-password",
    name: "Bench",
  });
  for (const file of files) await upload(url, idToken, file);
  first.child.kill();
  await new Promise((resolve) => first.child.once("exit", resolve));
  const ports = { BENCH_PORT: new URL(url).port, BENCH_S3_PORT: new URL(s3Url).port };
  const second = startHost({ BENCH_DATA_DIR: dataDir, BENCH_DRAIN: "1", BENCH_LABELING: labeling, ...ports });
  const report = await nextJson<DrainReport>(second.lines).finally(() => second.child.kill());
  rmSync(dataDir, { recursive: true, force: true });
  if (report.deadLetters > 0) throw new Error(`${report.deadLetters} photos failed in the pipeline`);
  if (report.notReady > 0) throw new Error(`${report.notReady} photos did not end ready (duplicates?)`);
  return { ...report, photosPerSecond: files.length / (report.elapsedMs / 1000) };
}

/** One photo at a time: from the store's answer to the upload until the API reports it ready. */
async function latency(files: string[]): Promise<{ p50Ms: number; p95Ms: number }> {
  const dataDir = mkdtempSync(join(work, "host-"));
  const host = startHost({ BENCH_DATA_DIR: dataDir });
  const { url } = await nextJson<{ url: string }>(host.lines);
  const { idToken } = await signUpAndConfirm(url, mailbox, {
    email: "lat@example.test",
    password: "benchmark-password",
    name: "Lat",
  });
  const timings: number[] = [];
  try {
    for (const file of files) {
      const photoId = await upload(url, idToken, file);
      const uploaded = performance.now();
      const photo = await api(url, idToken, "GET", `/api/photos/${photoId}?waitWhilePending=25`);
      if (photo.status !== "ready") throw new Error(`photo ended ${photo.status}`);
      timings.push(performance.now() - uploaded);
    }
  } finally {
    host.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    p50Ms: Math.round(median(sorted)),
    p95Ms: Math.round(sorted[Math.ceil(sorted.length * 0.95) - 1]!),
  };
}

try {
  const files = await makePhotos(PHOTOS);
  const bare = await bareSharp(files);
  const plain = await throughput(files, "off");
  const labeled = await throughput(files.slice(0, LABELED_PHOTOS), "on");
  const lowLoad = await latency(files.slice(0, LATENCY_PHOTOS));
  const warm = plain.rssSamplesMiB.slice(Math.floor(plain.rssSamplesMiB.length * 0.2));
  const report = {
    photos: { count: PHOTOS, width: WIDTH, height: HEIGHT },
    bareSharpPhotosPerSecond: Number(bare.toFixed(2)),
    pipelinePhotosPerSecond: Number(plain.photosPerSecond.toFixed(2)),
    pipelineToBareRatio: Number((plain.photosPerSecond / bare).toFixed(3)),
    labeledPhotosPerSecond: Number(labeled.photosPerSecond.toFixed(2)),
    labeledToBareRatio: Number((labeled.photosPerSecond / bare).toFixed(3)),
    readyLatencyLowLoad: lowLoad,
    hostRss: {
      peakMiB: Math.round(plain.peakRssMiB),
      afterWarmUpMiB: warm[0],
      atEndMiB: warm.at(-1),
      maxAfterWarmUpMiB: Math.max(...warm),
    },
    labeledPeakRssMiB: Math.round(labeled.peakRssMiB),
    deadLetters: plain.deadLetters + labeled.deadLetters,
    targets: { pipelineToBareRatio: 0.85, readyP95Ms: 1500 },
  };
  console.log(`
Photo pipeline on ${PHOTOS} distinct ${WIDTH}×${HEIGHT} JPEGs (2 workers; baseline: bare sharp, same two WebP variants, 2 at a time)
  bare sharp              ${report.bareSharpPhotosPerSecond} photos/s
  pipeline, no labels     ${report.pipelinePhotosPerSecond} photos/s   ratio ${report.pipelineToBareRatio} (target ≥ 0.85)
  pipeline, with labels   ${report.labeledPhotosPerSecond} photos/s   ratio ${report.labeledToBareRatio}   (${LABELED_PHOTOS} photos)
  upload → ready, 1 at a time   p50 ${lowLoad.p50Ms} ms   p95 ${lowLoad.p95Ms} ms (target p95 ≤ 1500 ms, no labels)
  host RSS                peak ${report.hostRss.peakMiB} MiB; after warm-up ${report.hostRss.afterWarmUpMiB} MiB → end ${report.hostRss.atEndMiB} MiB (max ${report.hostRss.maxAfterWarmUpMiB}); with labels peak ${report.labeledPeakRssMiB} MiB
  dead letters            ${report.deadLetters}`);
  const out = new URL("../bench-results/", import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}pipeline.json`, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await mailbox.stop();
}
