/**
 * The decode budget against hostile but legal uploads (`npm run bench -w packages/server` runs it last;
 * `node --conditions=source --import tsx bench/decode-budget.ts` alone): progressive 10000 × 10000 JPEGs
 * (100 MP, the largest accepted, mostly flat so each file stays small) mixed with ordinary 12 MP photos,
 * through the real pipeline with labeling on (the offline models). Peak host RSS with the default
 * `SHOEBOX_DECODE_PIXEL_BUDGET`, and without a budget (one larger than any mix), in the same run, against the
 * idle host's RSS (models loaded, no work). Results: printed, and `bench-results/decode-budget.json`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { envSchema } from "../src/config/env.schema.js";
import { signUpAndConfirm } from "../test/support/api-client.js";
import { TestMailbox } from "../test/support/test-mailbox.js";
import { nextJson, startPipelineHost } from "./pipeline-host-process.js";

const HOSTILE = Number(process.env.BENCH_HOSTILE_JPEGS ?? 8);
const NORMAL = Number(process.env.BENCH_NORMAL_PHOTOS ?? 4);
const DEFAULT_BUDGET = envSchema.shape.SHOEBOX_DECODE_PIXEL_BUDGET.parse(undefined);
const NO_BUDGET = 100_000_000_000;
const MIB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), "shoebox-decode-budget-bench-"));
// The benchmark user confirms its email like anyone else: pipeline-host mails codes to this SMTP server.
const mailbox = await TestMailbox.start();

/**
 * One progressive 100 MP JPEG, made distinct `count` times by a comment segment after SOI: same pixels,
 * different bytes (identical uploads would be marked duplicates), and encoding one takes ~25 s here.
 */
async function hostileJpegs(count: number): Promise<Buffer[]> {
  const flat = await sharp({
    create: { width: 10_000, height: 10_000, channels: 3, background: { r: 120, g: 140, b: 160 } },
  })
    .composite([
      { input: { create: { width: 400, height: 300, channels: 3, background: "#c33" } }, left: 50, top: 50 },
    ])
    .jpeg({ progressive: true, quality: 90 })
    .toBuffer();
  return Array.from({ length: count }, (_, n) => {
    const text = Buffer.from(`shoebox bench ${n}`);
    const segment = Buffer.alloc(4);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(text.length + 2, 2);
    return Buffer.concat([flat.subarray(0, 2), segment, text, flat.subarray(2)]);
  });
}

/** Ordinary 12 MP camera-like JPEGs (noise keeps them realistic in size), each distinct. */
async function normalPhotos(count: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, (_, n) =>
      sharp({
        create: {
          width: 4000,
          height: 3000,
          channels: 3,
          background: { r: 40 * n, g: 90, b: 200 - 20 * n },
          noise: { type: "gaussian", mean: 128, sigma: 30 },
        },
      })
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );
}

function startHost(env: Record<string, string>): ReturnType<typeof startPipelineHost> {
  return startPipelineHost(env, mailbox.url);
}

async function api<T>(base: string, token: string | undefined, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function upload(base: string, token: string, bytes: Buffer): Promise<void> {
  const ticket = await api<{ url: string; headers: Record<string, string> }>(
    base,
    token,
    "/api/photos/initiate-upload",
    { filename: "bench.jpg", contentType: "image/jpeg", size: bytes.length, method: "PUT" },
  );
  const res = await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: bytes });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

interface DrainReport {
  elapsedMs: number;
  idleRssMiB: number;
  rssSamplesMiB: number[];
  deadLetters: number;
  notReady: number;
}

/** Uploads every file with workers off, then restarts the host with labels on and drains the queue. */
async function drain(files: Buffer[], budget: number): Promise<DrainReport & { peakRssMiB: number }> {
  const dataDir = mkdtempSync(join(work, "host-"));
  const first = startHost({ BENCH_DATA_DIR: dataDir, BENCH_WORKERS: "off" });
  const { url, s3Url } = await nextJson<{ url: string; s3Url: string }>(first.lines);
  const { idToken } = await signUpAndConfirm(url, mailbox, {
    email: "bench@example.test",
    password: "benchmark-password",
    name: "Bench",
  });
  for (const bytes of files) await upload(url, idToken, bytes);
  first.child.kill();
  await new Promise((resolve) => first.child.once("exit", resolve));
  const second = startHost({
    BENCH_DATA_DIR: dataDir,
    BENCH_PORT: new URL(url).port,
    BENCH_S3_PORT: new URL(s3Url).port,
    BENCH_DRAIN: "1",
    BENCH_IDLE_FIRST: "1",
    BENCH_LABELING: "on",
    BENCH_DECODE_PIXEL_BUDGET: String(budget),
  });
  const report = await nextJson<DrainReport>(second.lines).finally(() => second.child.kill());
  rmSync(dataDir, { recursive: true, force: true });
  if (report.deadLetters > 0) throw new Error(`${report.deadLetters} photos failed in the pipeline`);
  if (report.notReady > 0) throw new Error(`${report.notReady} photos did not end ready`);
  // Sampled RSS after the models loaded (the process's maxRSS includes nsfwjs's load-time peak).
  return { ...report, peakRssMiB: Math.max(...report.rssSamplesMiB) };
}

try {
  const hostile = await hostileJpegs(HOSTILE);
  const normal = await normalPhotos(NORMAL);
  // Interleaved, hostile first: two workers start on two 100 MP decodes at once.
  const files = hostile.flatMap((bytes, n) => (n < normal.length ? [bytes, normal[n]!] : [bytes]));
  const withBudget = await drain(files, DEFAULT_BUDGET);
  const withoutBudget = await drain(files, NO_BUDGET);
  const report = {
    uploads: {
      hostile: HOSTILE,
      hostileBytes: hostile.map((bytes) => bytes.length),
      normal: NORMAL,
      normalMiB: normal.map((bytes) => Number((bytes.length / MIB).toFixed(1))),
    },
    labeling: "on",
    defaultBudgetPixels: DEFAULT_BUDGET,
    idleRssMiB: withBudget.idleRssMiB,
    withBudget: { peakRssMiB: withBudget.peakRssMiB, elapsedMs: Math.round(withBudget.elapsedMs) },
    withoutBudget: { peakRssMiB: withoutBudget.peakRssMiB, elapsedMs: Math.round(withoutBudget.elapsedMs) },
    peakToIdleRatio: {
      withBudget: Number((withBudget.peakRssMiB / withBudget.idleRssMiB).toFixed(2)),
      withoutBudget: Number((withoutBudget.peakRssMiB / withoutBudget.idleRssMiB).toFixed(2)),
    },
    targetPeakRssMiB: 1536,
  };
  console.log(`
Decode budget: ${HOSTILE} progressive 10000×10000 JPEGs (${Math.round(hostile[0]!.length / 1024)} KiB each) + ${NORMAL} 12 MP photos, labeling on, 2 workers
  idle host (models loaded)     ${report.idleRssMiB} MiB RSS
  budget ${DEFAULT_BUDGET / 1e6} MP (default)    peak ${report.withBudget.peakRssMiB} MiB (${report.peakToIdleRatio.withBudget}× idle), drained in ${(report.withBudget.elapsedMs / 1000).toFixed(1)} s   (target ≤ 1536 MiB)
  no budget                     peak ${report.withoutBudget.peakRssMiB} MiB (${report.peakToIdleRatio.withoutBudget}× idle), drained in ${(report.withoutBudget.elapsedMs / 1000).toFixed(1)} s`);
  const out = new URL("../bench-results/", import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}decode-budget.json`, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await mailbox.stop();
  rmSync(work, { recursive: true, force: true });
}
