import { createHash, type Hash } from "node:crypto";
import { parentPort } from "node:worker_threads";
import type { ChecksumAlgorithm } from "../checksums/index.js";
import { createChecksum, type RunningChecksum } from "../checksums/index.js";
import type { FromHashWorker, ToHashWorker } from "./hash-protocol.js";

/**
 * Worker thread that digests request bodies, so MD5 (the ETag) and checksums never slow down the thread
 * that moves bytes from the socket to disk. Many jobs (requests) share one worker.
 */
interface Job {
  md5: Hash;
  sha256?: Hash;
  checksums: [ChecksumAlgorithm, RunningChecksum][];
}

const jobs = new Map<number, Job>();
const port = parentPort!;

function send(message: FromHashWorker): void {
  port.postMessage(message);
}

port.on("message", (message: ToHashWorker) => {
  try {
    handle(message);
  } catch (error) {
    jobs.delete(message.job);
    send({
      type: "error",
      job: message.job,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});

function handle(message: ToHashWorker): void {
  switch (message.type) {
    case "start": {
      const job: Job = {
        md5: createHash("md5"),
        checksums: message.checksums.map((algorithm) => [algorithm, createChecksum(algorithm)]),
      };
      if (message.sha256Hex) job.sha256 = createHash("sha256");
      jobs.set(message.job, job);
      return;
    }
    case "data": {
      const job = jobs.get(message.job);
      if (!job) return;
      const bytes = new Uint8Array(message.data, 0, message.length);
      job.md5.update(bytes);
      job.sha256?.update(bytes);
      for (const [, checksum] of job.checksums) checksum.update(bytes);
      port.postMessage(
        {
          type: "ack",
          job: message.job,
          length: message.length,
          data: message.data,
        } satisfies FromHashWorker,
        [message.data],
      );
      return;
    }
    case "end": {
      const job = jobs.get(message.job);
      if (!job) return;
      jobs.delete(message.job);
      const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
      for (const [algorithm, checksum] of job.checksums) checksums[algorithm] = checksum.digest();
      send({
        type: "result",
        job: message.job,
        digests: {
          md5Hex: job.md5.digest("hex"),
          ...(job.sha256 ? { sha256Hex: job.sha256.digest("hex") } : {}),
          checksums,
        },
      });
      return;
    }
    case "cancel":
      jobs.delete(message.job);
      return;
  }
}
