import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";

export interface ReconcilerOptions {
  /**
   * How long after its ticket expired a pending photo is left alone: an upload that started just before
   * expiry may still be arriving, or its ObjectCreated event may still be queued.
   */
  graceSeconds: number;
  /** Photos handled per batch (one repository page). */
  batchSize: number;
}

/**
 * Marks `expired` the pending photos whose upload never arrived. Runs on a timer in the embedded host and
 * on a schedule (EventBridge) on AWS. A pending photo whose object did arrive is left for the pipeline.
 */
export class PendingUploadReconciler {
  constructor(
    private readonly deps: {
      photos: PhotoRepository;
      photoBucket: PhotoBucket;
      clock: Clock;
      logger: Logger;
    },
    private readonly options: ReconcilerOptions,
  ) {}

  /** One sweep; returns how many photos it expired. */
  async sweep(): Promise<number> {
    const { photos, photoBucket, clock } = this.deps;
    const cutoff = new Date(clock.now().getTime() - this.options.graceSeconds * 1000);
    let expired = 0;
    for (;;) {
      const batch = await photos.listPendingExpired(cutoff, this.options.batchSize);
      let progressed = false;
      for (const photo of batch) {
        if (await photoBucket.head(photo.objectKey)) continue;
        const changed = await photos.transition(photo.id, ["pending"], {
          status: "expired",
          statusReason: "The upload did not arrive before its ticket expired",
          updatedAt: clock.now(),
        });
        if (changed) {
          expired++;
          progressed = true;
        }
      }
      if (batch.length < this.options.batchSize || !progressed) break;
    }
    if (expired > 0) this.deps.logger.info("reconcile.expired_pending", { count: expired });
    return expired;
  }
}
