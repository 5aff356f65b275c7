/**
 * The benchmark's upload client, run as its own process. Reads one job from the JSON file named in argv,
 * uploads, and
 * prints `{"ms": …, "bytes": …}`. Bodies stream from a pre-generated file (1 MiB reads) or one in-memory
 * buffer, so the client is not the bottleneck.
 */
import { createReadStream, readFileSync } from "node:fs";
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type ClientJob =
  | { kind: "put-file"; url: string; file: string; size: number; contentType: string }
  | { kind: "post-file"; url: string; fields: Record<string, string>; file: string; size: number }
  | { kind: "put-many"; urls: string[]; size: number; contentType: string; concurrency: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body: Readable | Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        (res.statusCode ?? 0) < 300
          ? resolve()
          : reject(new Error(`${method} ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
      );
    });
    request.on("error", reject);
    if (Buffer.isBuffer(body)) request.end(body);
    else pipeline(body, request).catch(reject);
  });
}

async function run(job: ClientJob): Promise<number> {
  if (job.kind === "put-file") {
    await send(
      job.url,
      "PUT",
      { "content-type": job.contentType, "content-length": job.size },
      createReadStream(job.file, { highWaterMark: 1024 * 1024 }),
    );
    return job.size;
  }
  if (job.kind === "post-file") {
    const boundary = `----shoeboxbench${Date.now()}`;
    const head = Buffer.from(
      Object.entries(job.fields)
        .map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        )
        .join("") +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Readable.from(
      (async function* () {
        yield head;
        yield* createReadStream(job.file, { highWaterMark: 1024 * 1024 });
        yield tail;
      })(),
    );
    await send(
      job.url,
      "POST",
      {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": head.length + job.size + tail.length,
      },
      body,
    );
    return job.size;
  }
  const body = Buffer.alloc(job.size, 0x5a);
  let next = 0;
  const worker = async () => {
    while (next < job.urls.length) {
      const url = job.urls[next++]!;
      await send(url, "PUT", { "content-type": job.contentType, "content-length": job.size }, body);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return job.size * job.urls.length;
}

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ClientJob;
const started = process.hrtime.bigint();
run(job).then(
  (bytes) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, bytes }));
    agent.destroy();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
