import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import { runCli } from "./support/cli-process.js";
import { listFiles } from "./support/store-fixture.js";

const KEY_ID = "AKIDCLITEST";
const SECRET = "cli-test-secret";
const MiB = 1024 * 1024;
const root = mkdtempSync(join(tmpdir(), "shoebox-s3-cli-"));
const children: ChildProcess[] = [];

after(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** Starts the CLI as a child process and resolves with its printed endpoint. */
async function startCli(dataDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const run = await runCli(
    { dataDir, bucket: "photos", accessKeyId: KEY_ID, secretAccessKey: SECRET },
    children,
  );
  if (run.endpoint === undefined) throw new Error(`CLI exited with ${run.code}: ${run.output}`);
  return { child: run.child, endpoint: run.endpoint };
}

function client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** Waits (without a deadline of its own) until `condition` holds, checking every 20 ms. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function bytesIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

describe("shoebox-s3 CLI", () => {
  it("prints its endpoint and serves an SDK client", async () => {
    const dataDir = join(root, "serve");
    const { child, endpoint } = await startCli(dataDir);
    const s3 = client(endpoint);
    try {
      await s3.send(new PutObjectCommand({ Bucket: "photos", Key: "hello.txt", Body: "hello" }));
      const out = await s3.send(new GetObjectCommand({ Bucket: "photos", Key: "hello.txt" }));
      assert.equal(await out.Body!.transformToString(), "hello");
    } finally {
      s3.destroy();
      child.kill("SIGTERM");
      await stopped(child);
    }
  });

  it("leaves no partial object, temp file or orphan blob when killed mid-upload", async () => {
    const dataDir = join(root, "crash");
    const first = await startCli(dataDir);
    const s3 = client(first.endpoint);
    await s3.send(new PutObjectCommand({ Bucket: "photos", Key: "kept.txt", Body: "kept" }));
    s3.destroy();

    const url = new URL(first.endpoint);
    const declared = 256 * MiB;
    const signer = new SignatureV4({
      service: "s3",
      region: "us-east-1",
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
      sha256: Hash.bind(null, "sha256"),
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method: "PUT",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: "/photos/partial.bin",
      query: {},
      headers: {
        host: url.host,
        "content-length": String(declared),
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
      },
    });
    const request = http.request({
      host: url.hostname,
      port: Number(url.port),
      method: "PUT",
      path: "/photos/partial.bin",
      headers: signed.headers,
    });
    request.on("error", () => {});
    const chunk = Buffer.alloc(MiB, 7);
    for (let i = 0; i < 32; i++) request.write(chunk);
    await until(() => bytesIn(join(dataDir, "tmp")) > 0);
    first.child.kill("SIGKILL");
    await stopped(first.child);
    request.destroy();
    assert.ok(bytesIn(join(dataDir, "tmp")) > 0, "the killed upload left a temp file behind");

    // A blob written but never committed (a crash between rename and catalog commit) must be swept too.
    mkdirSync(join(dataDir, "blobs", "ab"), { recursive: true });
    writeFileSync(join(dataDir, "blobs", "ab", "ab".repeat(16)), "orphan");

    const second = await startCli(dataDir);
    const again = client(second.endpoint);
    try {
      const missing = await again
        .send(new GetObjectCommand({ Bucket: "photos", Key: "partial.bin" }))
        .catch((e) => e);
      assert.ok(missing instanceof S3ServiceException && missing.name === "NoSuchKey", String(missing));
      const kept = await again.send(new GetObjectCommand({ Bucket: "photos", Key: "kept.txt" }));
      assert.equal(await kept.Body!.transformToString(), "kept");
      assert.deepEqual(readdirSync(join(dataDir, "tmp")), [], "tmp/ was swept");
      const blobs = listFiles(join(dataDir, "blobs"));
      assert.equal(blobs.length, 1, `only kept.txt's blob remains: ${blobs.join(", ")}`);
    } finally {
      again.destroy();
      second.child.kill("SIGTERM");
      await stopped(second.child);
    }
  });
});
