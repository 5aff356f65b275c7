import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import sharp from "sharp";
import { STOPPED_SERVER_REASON } from "../src/services/pipeline/mark-photo-failed.js";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { TestMailbox } from "./support/test-mailbox.js";

/** The embedded queue's attempts per job (its default). */
const MAX_ATTEMPTS = 5;
const CHILD = new URL("./support/embedded-host-child.ts", import.meta.url).pathname;

/** Starts the host in a child process; resolves with its addresses once it listens. */
async function startChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; s3Url: string }> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", CHILD], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith("{")) return { child, ...(JSON.parse(line) as { url: string; s3Url: string }) };
  }
  throw new Error("the host exited before listening");
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * Polls the host's SQLite file (a second connection, as any reader) until the job is leased and decoding
 * (the queue's progress note names the pipeline step), as when a huge image takes the process down.
 */
async function waitUntilRunning(dataDir: string, deadlineMs = 120_000): Promise<number> {
  const db = new Database(join(dataDir, "shoebox.sqlite"), { readonly: true });
  try {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const job = db
        .prepare("SELECT attempts FROM jobs WHERE state = 'running' AND progress = 'variants'")
        .get() as { attempts: number } | undefined;
      if (job) return job.attempts;
      if (Date.now() > deadline) assert.fail("no job was leased");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    db.close();
  }
}

describe("a photo whose processing kills the host (SIGKILL of a child process mid-job)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "shoebox-crash-loop-"));
  let running: ChildProcess | undefined;
  let mailbox: TestMailbox | undefined;
  after(async () => {
    if (running && running.exitCode === null) await kill(running);
    await mailbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs at most maxAttempts times across restarts, then ends failed in its step with a reason", async () => {
    // Large enough that decoding takes seconds: the job is still in `variants` when the host is killed.
    const jpeg = await sharp({
      create: { width: 6000, height: 6000, channels: 3, background: { r: 90, g: 120, b: 150 } },
    })
      .jpeg({ progressive: true })
      .toBuffer();
    mailbox = await TestMailbox.start();
    const mail = { SHOEBOX_SMTP_URL: mailbox.url };
    let host = await startChild({ CHILD_DATA_DIR: dataDir, ...mail });
    running = host.child;
    const ports = { CHILD_PORT: new URL(host.url).port, CHILD_S3_PORT: new URL(host.s3Url).port };
    const owner = await ApiClient.signUp({ url: host.url, mailbox }, "Olga");
    const ticket = await owner.call("POST", "/api/photos/initiate-upload", {
      filename: "huge.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
      method: "PUT",
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 200);

    const attempts: number[] = [];
    for (let crash = 1; crash <= MAX_ATTEMPTS; crash++) {
      attempts.push(await waitUntilRunning(dataDir));
      await kill(host.child);
      host = await startChild({ CHILD_DATA_DIR: dataDir, ...mail, ...ports });
      running = host.child;
    }
    assert.deepEqual(attempts, [1, 2, 3, 4, 5], "each lease counts an attempt, the process dying or not");

    const photo = await new ApiClient(host.url, owner.token).waitForPhoto(ticket.body.photoId, 120_000);
    assert.equal(photo.status, "failed");
    assert.equal(photo.failedStep, "variants");
    assert.equal(photo.statusReason, STOPPED_SERVER_REASON);
    const db = new Database(join(dataDir, "shoebox.sqlite"), { readonly: true });
    const job = db.prepare("SELECT state, attempts FROM jobs").get() as { state: string; attempts: number };
    db.close();
    assert.deepEqual(job, { state: "dead", attempts: MAX_ATTEMPTS }, "never leased a sixth time");
  });
});
