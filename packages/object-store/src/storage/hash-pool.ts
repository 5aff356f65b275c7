import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ChecksumAlgorithm } from "../checksums/index.js";
import type { BodyDigests, FromHashWorker, ToHashWorker } from "./hash-protocol.js";

/** Bytes gathered before a batch goes to the worker: few messages, little copying overhead. */
const BATCH_BYTES = 1024 * 1024;
/** Bytes a job may have in flight to its worker before the body stream is paused (backpressure). */
const WINDOW_BYTES = 8 * BATCH_BYTES;
/** Batch buffers kept for reuse across jobs (32 MiB at most). */
const MAX_SPARE_BATCHES = 32;

export interface HashRequest {
  checksums: ChecksumAlgorithm[];
  sha256Hex: boolean;
}

/** One body being digested. Feed it every chunk in order, then `finish()`; or `cancel()`. */
export interface HashJob {
  /** Resolves when the job has room for more (undefined when it has room now). */
  update(chunk: Uint8Array): Promise<void> | undefined;
  finish(): Promise<BodyDigests>;
  cancel(): void;
}

interface WorkerSlot {
  worker: Worker;
  jobs: Map<number, JobState>;
}

interface JobState {
  inFlight: number;
  onRoom?: () => void;
  onResult?: (digests: BodyDigests) => void;
  onError?: (error: Error) => void;
  failure?: Error;
}

/**
 * A few worker threads that digest bodies (MD5 + requested checksums) off the request thread. Chunks are
 * copied into 1 MiB batches and transferred (not cloned), and the worker transfers each batch back for
 * reuse by any job: allocating fresh megabytes per upload made the request thread spend a sixth of its
 * time collecting them when many small uploads arrive. A job stops accepting chunks while 8 MiB are
 * unacknowledged, so a slow hash slows the upload instead of growing memory.
 */
export class HashPool {
  private readonly slots: WorkerSlot[];
  private nextJob = 1;
  private closing = false;
  private readonly spareBatches: ArrayBuffer[] = [];

  /** `startWorker` is replaceable so that tests can hold (and kill) the threads. */
  constructor(
    size = Math.max(1, Math.min(4, availableParallelism() - 1)),
    private readonly startWorker: () => Worker = startHashWorker,
  ) {
    this.slots = Array.from({ length: size }, () => this.spawn());
  }

  start(request: HashRequest): HashJob {
    const slot = this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.nextJob++;
    const state: JobState = { inFlight: 0 };
    slot.jobs.set(id, state);
    const post = (message: ToHashWorker, transfer?: ArrayBuffer[]) =>
      slot.worker.postMessage(message, transfer);
    post({ type: "start", job: id, checksums: request.checksums, sha256Hex: request.sha256Hex });

    // Taken from the spares when the first byte arrives, handed on with each flush.
    let batch: Buffer | undefined;
    let filled = 0;
    const flush = () => {
      if (batch === undefined || filled === 0) return;
      state.inFlight += filled;
      const buffer = batch.buffer as ArrayBuffer;
      post({ type: "data", job: id, data: buffer, length: filled }, [buffer]);
      batch = undefined;
      filled = 0;
    };
    const releaseBatch = () => {
      if (batch !== undefined) this.giveBack(batch.buffer as ArrayBuffer);
      batch = undefined;
    };

    return {
      update: (chunk) => {
        if (state.failure) throw state.failure;
        let offset = 0;
        while (offset < chunk.length) {
          batch ??= Buffer.from(this.takeBatch());
          const n = Math.min(chunk.length - offset, BATCH_BYTES - filled);
          batch.set(chunk.subarray(offset, offset + n), filled);
          filled += n;
          offset += n;
          if (filled === BATCH_BYTES) flush();
        }
        if (state.inFlight < WINDOW_BYTES) return undefined;
        return new Promise<void>((resolve) => {
          state.onRoom = resolve;
        });
      },
      finish: () => {
        flush();
        releaseBatch();
        return new Promise<BodyDigests>((resolve, reject) => {
          if (state.failure) return reject(state.failure);
          state.onResult = resolve;
          state.onError = reject;
          post({ type: "end", job: id });
        });
      },
      cancel: () => {
        releaseBatch();
        if (!slot.jobs.delete(id)) return;
        post({ type: "cancel", job: id });
      },
    };
  }

  private takeBatch(): ArrayBuffer {
    return this.spareBatches.pop() ?? (Buffer.allocUnsafeSlow(BATCH_BYTES).buffer as ArrayBuffer);
  }

  private giveBack(buffer: ArrayBuffer): void {
    if (this.spareBatches.length < MAX_SPARE_BATCHES) this.spareBatches.push(buffer);
  }

  /** Stops the workers; jobs still running fail. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): WorkerSlot {
    const slot: WorkerSlot = { worker: this.startWorker(), jobs: new Map() };
    this.watch(slot);
    return slot;
  }

  /**
   * Wires a slot's worker. A worker that dies (an uncaught error, or killed) fails the jobs it had and is
   * replaced at once, so the uploads after it still get hashed instead of waiting forever on a dead thread.
   */
  private watch(slot: WorkerSlot): void {
    const { worker } = slot;
    worker.unref();
    worker.on("exit", () => {
      if (this.closing || slot.worker !== worker) return;
      for (const id of [...slot.jobs.keys()]) failJob(slot, id, new Error("the hashing worker stopped"));
      slot.worker = this.startWorker();
      this.watch(slot);
    });
    worker.on("message", (message: FromHashWorker) => {
      if (message.type === "ack") this.giveBack(message.data);
      const state = slot.jobs.get(message.job);
      if (!state) return;
      if (message.type === "ack") {
        state.inFlight -= message.length;
        if (state.inFlight < WINDOW_BYTES && state.onRoom) {
          const resume = state.onRoom;
          delete state.onRoom;
          resume();
        }
      } else if (message.type === "result") {
        slot.jobs.delete(message.job);
        state.onResult?.(message.digests);
      } else {
        failJob(slot, message.job, new Error(`hashing failed: ${message.message}`));
      }
    });
    worker.on("error", (error) => {
      for (const id of [...slot.jobs.keys()]) failJob(slot, id, error);
    });
  }
}

/**
 * Built, the worker is the .js file next to this one. Run from sources (tsx, `source` condition), it is
 * the .ts file, and Node 20 does not carry tsx's loader hooks into worker threads: a small bootstrap
 * registers tsx in the worker first.
 */
export function startHashWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./hash-worker.js", import.meta.url));
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./hash-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

function failJob(slot: WorkerSlot, id: number, error: Error): void {
  const state = slot.jobs.get(id);
  if (!state) return;
  slot.jobs.delete(id);
  state.failure = error;
  state.onError?.(error);
  state.onRoom?.();
}
