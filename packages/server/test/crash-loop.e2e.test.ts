import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import sharp from "sharp";
import { STOPPED_SERVER_REASON } from "../src/services/pipeline/mark-photo-failed.js";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { killHost, startChildHost, waitForJobRow } from "./support/child-host.js";
import { TestMailbox } from "./support/test-mailbox.js";

/** The embedded queue's attempts per job (its default). */
const MAX_ATTEMPTS = 5;
/**
 * Waits until the job is leased and decoding (the queue's progress note names the pipeline step), as when a
 * huge image takes the process down; returns its attempts so far.
 */
async function waitUntilRunning(dataDir: string): Promise<number> {
  const job = await waitForJobRow<{ attempts: number }>(
    dataDir,
    "SELECT attempts FROM jobs WHERE state = 'running' AND progress = 'variants'",
    () => true,
    { deadlineMs: 120_000, pollMs: 10 },
  );
  return job.attempts;
}

describe("a photo whose processing kills the host (SIGKILL of a child process mid-job)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "shoebox-crash-loop-"));
  let running: ChildProcess | undefined;
  let mailbox: TestMailbox | undefined;
  after(async () => {
    if (running && running.exitCode === null) await killHost(running);
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
    let host = await startChildHost({ CHILD_DATA_DIR: dataDir, ...mail });
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
      await killHost(host.child);
      host = await startChildHost({ CHILD_DATA_DIR: dataDir, ...mail, ...ports });
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
