import { setImmediate as nextTurn } from "node:timers/promises";
import { discardUpload } from "../operations/multipart-upload.js";
import type { StoreDeps } from "../store-deps.js";

export const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/**
 * Uploads aborted per synchronous step. Each abort is one small catalog transaction (tens of µs), so a
 * batch holds the event loop for a few milliseconds at most before requests get their turn.
 */
const BATCH_SIZE = 100;

export type UploadExpiryDeps = Pick<StoreDeps, "catalog" | "blobs" | "now" | "completions" | "logError">;

/**
 * The store's one lifecycle rule, S3's AbortIncompleteMultipartUpload: multipart uploads initiated more
 * than `maxAgeMs` ago are aborted exactly as AbortMultipartUpload aborts them (catalog rows, then part
 * blobs). Runs on demand and on an hourly, unref'd timer.
 */
export class UploadExpiry {
  private readonly deps: UploadExpiryDeps;
  private readonly maxAgeMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(deps: UploadExpiryDeps, maxAgeMs: number) {
    this.deps = deps;
    this.maxAgeMs = maxAgeMs;
  }

  /** Sweeps every hour from now on; the timer does not keep the process alive. */
  startPeriodic(intervalMs = SWEEP_INTERVAL_MS): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.deps.logError(error, "expiring abandoned multipart uploads"),
      );
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * Aborts the uploads that are too old now; resolves with how many it aborted. A call while a sweep is
   * running joins that sweep.
   */
  sweep(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.abortStaleUploads().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer and waits for a running sweep to finish its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => {});
  }

  private async abortStaleUploads(): Promise<number> {
    const cutoff = this.deps.now().getTime() - this.maxAgeMs;
    let after: { initiated: number; uploadId: string } | undefined;
    let aborted = 0;
    while (!this.stopped) {
      // Selecting a batch and aborting it happen in one turn of the event loop, so no completion can
      // begin in between: an upload is either claimed by its completion (and skipped here) or already gone
      // when the completion looks it up (NoSuchUpload, as for any expired upload).
      const batch = this.deps.catalog.uploadsInitiatedBefore(cutoff, after, BATCH_SIZE);
      after = batch.at(-1);
      const partsRemoved: Promise<void>[] = [];
      for (const { uploadId } of batch) {
        if (!this.deps.completions.has(uploadId)) partsRemoved.push(discardUpload(this.deps, uploadId));
      }
      aborted += partsRemoved.length;
      await Promise.all(partsRemoved);
      if (batch.length < BATCH_SIZE) break;
      await nextTurn();
    }
    return aborted;
  }
}
