/**
 * Upload throughput of the object store against a bare node:http server that streams the same bytes to a
 * file, measured in the same run (alternating, median of 3), plus the store's RSS growth during a 1 GiB
 * upload. A second baseline adds to the bare server only what an S3 PUT cannot skip (the MD5 that is the
 * ETag, and an fsync before the 200): the gap between it and the store is the store's own cost. Server and
 * client run in separate processes. Results: a table on stdout and bench-results/latest.json.
 */
import { type ChildProcess, execFile, execFileSync, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { BENCH_BUCKET, BENCH_KEY_ID, BENCH_SECRET } from "./bench-config.js";
import type { ClientJob } from "./client-process.js";

const MiB = 1024 * 1024;
const BIG = 1024 * MiB;
const SMALL = 2_000_000;
const SMALL_COUNT = 1000;
const CONCURRENCY = 16;
const RUNS = 3;
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const NODE_ARGS = ["--conditions=source", "--import", "tsx"];
const SERVER_ARGS = [...NODE_ARGS, "--expose-gc"];

interface Server {
  child: ChildProcess;
  endpoint: string;
  /** Peak RSS (bytes) and CPU seconds used so far, after resetting the peak or not. */
  probe(type: "reset-rss" | "get-rss"): Promise<{ peak: number; cpu: number }>;
  /** Drops everything the server received (between runs, untimed). */
  clean(): Promise<void>;
}

function startServer(kind: "store" | "bare" | "bare-durable", dir: string): Promise<Server> {
  const child = fork(here("./server-process.ts"), [kind, dir], { execArgv: SERVER_ARGS, stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once("message", (message: { type: string; endpoint: string }) => {
      resolve({
        child,
        endpoint: message.endpoint,
        probe: (type) =>
          new Promise((done) => {
            child.once("message", (m: { peak: number; cpu: number }) => done(m));
            child.send({ type });
          }),
        clean: () =>
          new Promise((done) => {
            child.once("message", () => done());
            child.send({ type: "clean" });
          }),
      });
    });
  });
}

function runClient(job: ClientJob, jobFile: string): Promise<{ ms: number; bytes: number }> {
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...NODE_ARGS, here("./client-process.ts"), jobFile],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`client failed: ${stderr}`));
        else resolve(JSON.parse(stdout) as { ms: number; bytes: number });
      },
    );
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mibPerSecond = (r: { ms: number; bytes: number }) => r.bytes / MiB / (r.ms / 1000);
const onServer = (url: string, endpoint: string) => {
  const u = new URL(url);
  const e = new URL(endpoint);
  u.host = e.host;
  return u.toString();
};

/** `BENCH_ONLY=post` runs only the scenarios whose name contains it (for quick iterations). */
const only = process.env.BENCH_ONLY?.toLowerCase();

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "shoebox-s3-bench-"));
  const servers: Server[] = [];
  try {
    const bigFile = join(work, "big.bin");
    const block = randomBytes(MiB);
    const fd = openSync(bigFile, "w");
    for (let i = 0; i < BIG / MiB; i++) writeSync(fd, block);
    closeSync(fd);
    const jobFile = join(work, "job.json");

    const store = await startServer("store", join(work, "store"));
    const bare = await startServer("bare", join(work, "bare"));
    const durable = await startServer("bare-durable", join(work, "bare-durable"));
    servers.push(store, bare, durable);
    const presigner = new S3Client({
      endpoint: store.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: BENCH_KEY_ID, secretAccessKey: BENCH_SECRET },
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    const signable = { signableHeaders: new Set(["content-type", "content-length"]), expiresIn: 3600 };
    // A new key for every big upload, as real uploads have: replacing one 1 GiB object with the next
    // would charge the store for unlinking the previous gigabyte in the middle of the next run.
    const putUrls: string[] = [];
    const posts: Awaited<ReturnType<typeof createPresignedPost>>[] = [];
    for (let run = 0; run < 3 * RUNS; run++) {
      putUrls.push(
        await getSignedUrl(
          presigner,
          new PutObjectCommand({
            Bucket: BENCH_BUCKET,
            Key: `big/${run}.bin`,
            ContentType: "application/octet-stream",
            ContentLength: BIG,
          }),
          signable,
        ),
      );
      posts.push(
        await createPresignedPost(presigner, {
          Bucket: BENCH_BUCKET,
          Key: `big-post/${run}.bin`,
          Conditions: [["content-length-range", 0, 2 * BIG]],
          Expires: 3600,
        }),
      );
    }
    let bigPuts = 0;
    let bigPosts = 0;
    const smallUrls: string[] = [];
    for (let i = 0; i < SMALL_COUNT; i++) {
      smallUrls.push(
        await getSignedUrl(
          presigner,
          new PutObjectCommand({
            Bucket: BENCH_BUCKET,
            Key: `small/${i}.bin`,
            ContentType: "image/jpeg",
            ContentLength: SMALL,
          }),
          signable,
        ),
      );
    }
    presigner.destroy();

    const scenarios: { name: string; job: (endpoint: string) => ClientJob; target: number }[] = [
      {
        name: "1 GiB presigned PUT",
        target: 0.85,
        job: (endpoint) => ({
          kind: "put-file",
          url: onServer(putUrls[bigPuts++ % putUrls.length]!, endpoint),
          file: bigFile,
          size: BIG,
          contentType: "application/octet-stream",
        }),
      },
      {
        name: "1 GiB presigned POST",
        target: 0.75,
        job: (endpoint) => {
          const post = posts[bigPosts++ % posts.length]!;
          return {
            kind: "post-file",
            url: onServer(post.url, endpoint),
            fields: post.fields,
            file: bigFile,
            size: BIG,
          };
        },
      },
      {
        name: `${SMALL_COUNT} x 2 MB presigned PUT, concurrency ${CONCURRENCY}`,
        target: 0,
        job: (endpoint) => ({
          kind: "put-many",
          urls: smallUrls.map((u) => onServer(u, endpoint)),
          size: SMALL,
          contentType: "image/jpeg",
          concurrency: CONCURRENCY,
        }),
      },
    ];

    const results = [];
    let rssGrowthMiB = 0;
    for (const scenario of scenarios) {
      if (only && !scenario.name.toLowerCase().includes(only)) continue;
      const bareRuns: number[] = [];
      const durableRuns: number[] = [];
      const storeRuns: number[] = [];
      const bareCpu: number[] = [];
      const durableCpu: number[] = [];
      const storeCpu: number[] = [];
      /** One upload job against `server`: MiB/s, and the server's CPU seconds per GiB moved. */
      const measure = async (server: Server, job: ClientJob) => {
        // Each run starts with the disk idle: otherwise the previous gigabyte's writeback (which the bare
        // server leaves to the kernel) lands in whichever run comes next, and the ratio measures the disk.
        execFileSync("sync");
        const before = await server.probe("reset-rss");
        const result = await runClient(job, jobFile);
        const after = await server.probe("get-rss");
        await server.clean();
        return {
          mibps: mibPerSecond(result),
          cpuPerGiB: (after.cpu - before.cpu) / (result.bytes / (1024 * MiB)),
          peakGrowthMiB: (after.peak - before.peak) / MiB,
        };
      };
      for (let run = 0; run < RUNS; run++) {
        const b = await measure(bare, scenario.job(bare.endpoint));
        bareRuns.push(b.mibps);
        bareCpu.push(b.cpuPerGiB);
        const d = await measure(durable, scenario.job(durable.endpoint));
        durableRuns.push(d.mibps);
        durableCpu.push(d.cpuPerGiB);
        const st = await measure(store, scenario.job(store.endpoint));
        storeRuns.push(st.mibps);
        storeCpu.push(st.cpuPerGiB);
        if (scenario.name.startsWith("1 GiB")) rssGrowthMiB = Math.max(rssGrowthMiB, st.peakGrowthMiB);
      }
      const result = {
        scenario: scenario.name,
        bareMiBps: median(bareRuns),
        bareDurableMiBps: median(durableRuns),
        storeMiBps: median(storeRuns),
        ratio: median(storeRuns) / median(bareRuns),
        ratioToDurable: median(storeRuns) / median(durableRuns),
        target: scenario.target || undefined,
        bareCpuSecondsPerGiB: median(bareCpu),
        bareDurableCpuSecondsPerGiB: median(durableCpu),
        storeCpuSecondsPerGiB: median(storeCpu),
        bareRuns,
        durableRuns,
        storeRuns,
      };
      results.push(result);
      const mibps = (value: number) => value.toFixed(0).padStart(5);
      console.log(
        `${result.scenario.padEnd(48)} bare ${mibps(result.bareMiBps)} MiB/s   bare+MD5+fsync ${mibps(result.bareDurableMiBps)} MiB/s   store ${mibps(result.storeMiBps)} MiB/s   ratio ${result.ratio.toFixed(2)}${result.target ? ` (target ≥ ${result.target})` : ""}, to bare+MD5+fsync ${result.ratioToDurable.toFixed(2)}   server CPU s/GiB bare ${result.bareCpuSecondsPerGiB.toFixed(2)} bare+MD5+fsync ${result.bareDurableCpuSecondsPerGiB.toFixed(2)} store ${result.storeCpuSecondsPerGiB.toFixed(2)}`,
      );
    }
    console.log(`store peak RSS growth during 1 GiB uploads: ${rssGrowthMiB.toFixed(1)} MiB (target < 64)`);
    const outDir = here("../bench-results");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      join(outDir, "latest.json"),
      JSON.stringify(
        { date: new Date().toISOString(), node: process.version, results, rssGrowthMiB },
        null,
        2,
      ),
    );
  } finally {
    for (const server of servers) server.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
