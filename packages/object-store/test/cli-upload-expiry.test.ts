import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { type CliRun, runCli } from "./support/cli-process.js";
import { clientSigningAt } from "./support/skewed-client.js";
import { BUCKET, listFiles, startFixture } from "./support/store-fixture.js";

const KEY_ID = "AKIDCLIEXPIRY";
const SECRET = "cli-expiry-secret";
const DAY_MS = 24 * 60 * 60 * 1000;
const root = mkdtempSync(join(tmpdir(), "shoebox-s3-cli-expiry-"));
const children: ChildProcess[] = [];

after(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** Runs the CLI with `args` against the shared bucket and keys. */
function runCliWith(dataDir: string, args: string[]): Promise<CliRun> {
  return runCli(
    { dataDir, bucket: BUCKET, accessKeyId: KEY_ID, secretAccessKey: SECRET, extraArgs: args },
    children,
  );
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function uploadKeys(endpoint: string): Promise<string[]> {
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
  });
  try {
    const out = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    return (out.Uploads ?? []).map((u) => u.Key!);
  } finally {
    s3.destroy();
  }
}

describe("shoebox-s3 --abort-incomplete-multipart-days", () => {
  it("keeps a 10-day-old upload with 0 and aborts it at start with the default of 7 days", async () => {
    const dataDir = join(root, "data");
    const past = await startFixture({ dataDir, now: () => new Date(Date.now() - 10 * DAY_MS) });
    try {
      const s3 = clientSigningAt(past, -10 * DAY_MS);
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "old.bin" }),
      );
      await s3.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: "old.bin", UploadId, PartNumber: 1, Body: "part" }),
      );
    } finally {
      await past.close();
    }
    assert.equal(listFiles(join(dataDir, "blobs")).length, 1);

    const disabled = await runCliWith(dataDir, ["--abort-incomplete-multipart-days", "0"]);
    assert.ok(disabled.endpoint, disabled.output);
    assert.deepEqual(await uploadKeys(disabled.endpoint), ["old.bin"]);
    await stop(disabled.child);

    const defaults = await runCliWith(dataDir, []);
    assert.ok(defaults.endpoint, defaults.output);
    assert.deepEqual(await uploadKeys(defaults.endpoint), []);
    assert.equal(listFiles(join(dataDir, "blobs")).length, 0, "the part file is deleted too");
    await stop(defaults.child);
  });

  it("refuses a value that is not a whole number of days", async () => {
    const run = await runCliWith(join(root, "invalid"), ["--abort-incomplete-multipart-days", "1.5"]);
    assert.equal(run.endpoint, undefined);
    assert.equal(run.code, 1);
    assert.match(run.output, /invalid --abort-incomplete-multipart-days 1\.5/);
  });
});
