import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import type { Worker } from "node:worker_threads";
import { HashPool, startHashWorker } from "./hash-pool.js";

const md5 = (bytes: Buffer) => createHash("md5").update(bytes).digest("hex");

/** Feeds `body` to a new job in 100 KB chunks, honouring the job's backpressure. */
async function digest(pool: HashPool, body: Buffer) {
  const job = pool.start({ checksums: [], sha256Hex: false });
  for (let offset = 0; offset < body.length; offset += 100_000) {
    await job.update(body.subarray(offset, offset + 100_000));
  }
  return job.finish();
}

describe(HashPool.name, () => {
  const workers: Worker[] = [];
  const pool = new HashPool(1, () => {
    const worker = startHashWorker();
    workers.push(worker);
    return worker;
  });
  after(() => pool.close());

  it("digests a body fed in chunks", async () => {
    const body = randomBytes(3_500_000);
    assert.equal((await digest(pool, body)).md5Hex, md5(body));
  });

  it("fails the jobs of a worker that dies, and hashes the next bodies on a new one", async () => {
    const job = pool.start({ checksums: [], sha256Hex: false });
    await job.update(randomBytes(2_000_000));
    await workers.at(-1)!.terminate();
    await assert.rejects(job.finish(), /hashing worker stopped/);

    assert.equal(workers.length, 2, "a replacement worker was started");
    const body = randomBytes(1_500_000);
    assert.equal((await digest(pool, body)).md5Hex, md5(body));
  });
});
