/**
 * A server for the benchmark, run as its own process (so client and server use different cores):
 * `store` is the object store; `bare` is the baseline, a plain node:http server that streams each request
 * body to a file with 1 MiB buffers and answers 200; `bare-durable` does the same plus the two things an
 * S3 PUT cannot skip — the body's MD5 (its ETag) and an fsync before the 200 — and nothing else. Talks to the parent over IPC: reports its endpoint,
 * and answers RSS questions (peak sampled every 10 ms since the last reset).
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startObjectStore } from "../src/object-store.js";
import { BENCH_BUCKET, BENCH_KEY_ID, BENCH_SECRET } from "./bench-config.js";

async function startBare(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  let counter = 0;
  const server = createServer({ requestTimeout: 0, highWaterMark: 1024 * 1024 }, (req, res) => {
    const file = join(dir, `upload-${counter++ % 64}`);
    pipeline(req, createWriteStream(file, { highWaterMark: 1024 * 1024 })).then(
      () => {
        res.writeHead(200, { "content-length": 0 });
        res.end();
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bare server plus an MD5 of each body and an fsync of its file before answering. */
async function startBareDurable(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  let counter = 0;
  const server = createServer({ requestTimeout: 0, highWaterMark: 1024 * 1024 }, (req, res) => {
    const file = join(dir, `upload-${counter++ % 64}`);
    const md5 = createHash("md5");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        callback(null, chunk);
      },
    });
    pipeline(req, hashing, createWriteStream(file, { highWaterMark: 1024 * 1024, flush: true })).then(
      () => {
        res.writeHead(200, { "content-length": 0, etag: `"${md5.digest("hex")}"` });
        res.end();
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Between runs (outside the timed part), every server drops what it received, so each run starts from the
 * same state: without it, gigabytes of earlier uploads fill the page cache and later runs pay for
 * reclaiming it — whichever server they belong to.
 */
function emptyDirectory(dir: string): void {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true, recursive: true });
}

/**
 * The store's way to drop what it received: through its own S3 API, as a client would; then waits for the
 * blob files to go (the store removes them after answering).
 */
function deleteEveryObject(endpoint: string, dir: string): () => Promise<void> {
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: BENCH_KEY_ID, secretAccessKey: BENCH_SECRET },
  });
  return async () => {
    for (;;) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BENCH_BUCKET, MaxKeys: 1000 }));
      const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
      if (keys.length === 0) break;
      await client.send(
        new DeleteObjectsCommand({ Bucket: BENCH_BUCKET, Delete: { Objects: keys, Quiet: true } }),
      );
    }
    const blobs = join(dir, "blobs");
    const remaining = () =>
      readdirSync(blobs).reduce((n, shard) => n + readdirSync(join(blobs, shard)).length, 0);
    for (let waited = 0; remaining() > 0 && waited < 5000; waited += 20) await sleep(20);
  };
}

/** CPU time of the whole process (all threads, user + system), in seconds. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function main(): Promise<void> {
  const [kind, dir] = process.argv.slice(2);
  if (!dir || (kind !== "store" && kind !== "bare" && kind !== "bare-durable"))
    throw new Error("usage: server-process.ts store|bare|bare-durable <dir>");
  const endpoint =
    kind === "bare"
      ? await startBare(dir)
      : kind === "bare-durable"
        ? await startBareDurable(dir)
        : (
            await startObjectStore({
              dataDir: dir,
              port: 0,
              credentials: [{ accessKeyId: BENCH_KEY_ID, secretAccessKey: BENCH_SECRET }],
              buckets: [{ name: BENCH_BUCKET }],
            })
          ).endpoint;
  let peak = process.memoryUsage.rss();
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10).unref();
  const clean = kind === "store" ? deleteEveryObject(endpoint, dir) : async () => emptyDirectory(dir);
  process.on("message", (message: { type: string }) => {
    if (message.type === "clean") {
      clean().then(
        () => process.send!({ type: "cleaned" }),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    } else if (message.type === "reset-rss") {
      global.gc?.();
      peak = process.memoryUsage.rss();
      process.send!({ type: "rss", peak, cpu: cpuSeconds() });
    } else if (message.type === "get-rss") {
      process.send!({ type: "rss", peak: Math.max(peak, process.memoryUsage.rss()), cpu: cpuSeconds() });
    }
  });
  process.send!({ type: "ready", endpoint });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
