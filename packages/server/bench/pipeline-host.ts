/**
 * The pipeline benchmark's server process: the embedded host on a given data dir and ports.
 * `BENCH_WORKERS=off` starts it without pipeline workers (photos wait, queued, in SQLite);
 * `BENCH_DRAIN=1` waits for the labeling models (if on), starts the workers, waits until the queue is empty,
 * and reports how long that took and the process's RSS while it worked, then exits.
 * `BENCH_IDLE_FIRST=1` (with `BENCH_DRAIN`) first waits for the models and measures the idle RSS, then
 * starts the workers; `BENCH_DECODE_PIXEL_BUDGET` sets the host's decode budget.
 */
import { startEmbeddedHost } from "../src/composition/embedded-host.js";
import { loadConfig } from "../src/config/load-config.js";
import type { Logger } from "../src/ports/logger.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const config = loadConfig({
  SHOEBOX_PORT: process.env.BENCH_PORT ?? "0",
  SHOEBOX_S3_PORT: process.env.BENCH_S3_PORT ?? "0",
  SHOEBOX_DATA_DIR: process.env.BENCH_DATA_DIR!,
  SHOEBOX_LABELING: process.env.BENCH_LABELING ?? "off",
  ...(process.env.BENCH_SMTP_URL ? { SHOEBOX_SMTP_URL: process.env.BENCH_SMTP_URL } : {}),
  SHOEBOX_MAX_UPLOAD_BYTES: String(50 * 1024 * 1024),
  ...(process.env.BENCH_DECODE_PIXEL_BUDGET
    ? { SHOEBOX_DECODE_PIXEL_BUDGET: process.env.BENCH_DECODE_PIXEL_BUDGET }
    : {}),
});
const rssSamples: number[] = [];
const sampler = setInterval(() => rssSamples.push(process.memoryUsage.rss()), 250);
const started = performance.now();
const idleFirst = process.env.BENCH_DRAIN !== undefined && process.env.BENCH_IDLE_FIRST === "1";
const host = await startEmbeddedHost(config, {
  logger: quiet,
  startWorkers: process.env.BENCH_WORKERS !== "off" && !idleFirst,
});
let idleRssMiB: number | undefined;
if (idleFirst) {
  await host.labelerReady;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  idleRssMiB = Math.round(process.memoryUsage.rss() / 1024 / 1024);
  rssSamples.length = 0;
  host.startWorkers();
}

if (process.env.BENCH_DRAIN) {
  await host.queue.drained();
  const elapsedMs = performance.now() - started;
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      elapsedMs,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      ...(idleRssMiB === undefined ? {} : { idleRssMiB }),
      rssSamplesMiB: rssSamples.map((bytes) => Math.round(bytes / 1024 / 1024)),
      deadLetters: host.queue.deadLetters().length,
      notReady: await countNotReady(),
    }),
  );
  await host.close();
  process.exit(0);
}
console.log(JSON.stringify({ url: host.url, s3Url: host.s3Url }));

/** Photos that did not end `ready` (the benchmark's photos are all distinct, valid JPEGs). */
async function countNotReady(): Promise<number> {
  const { openDatabase } = await import("../src/adapters/sqlite/database.js");
  const db = openDatabase(`${config.storage.dataDir}/shoebox.sqlite`);
  const count = db.prepare("SELECT COUNT(*) FROM photos WHERE status != 'ready'").pluck().get() as number;
  db.close();
  return count;
}
