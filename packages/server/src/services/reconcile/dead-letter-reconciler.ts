import type { Clock } from "../../ports/clock.js";
import type { DeadLetterSource } from "../../ports/dead-letter-source.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { markPhotoFailed, STOPPED_SERVER_REASON } from "../pipeline/mark-photo-failed.js";
import { photoOfUpload } from "../pipeline/photo-of-upload.js";

/**
 * Marks `failed` the photos whose pipeline messages reached the dead-letter queue while the photo is still
 * pending. A last attempt that throws marks its photo itself; one that kills the function (out of memory,
 * timeout) cannot, and SQS then moves the message after `maxReceiveCount` receives with the photo left
 * pending forever. The AWS twin of the embedded queue dead-lettering, at start, a job that stopped the
 * process; it runs with the scheduled reconciler.
 */
export class DeadLetterReconciler {
  constructor(
    private readonly deps: {
      deadLetters: DeadLetterSource;
      photos: PhotoRepository;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** One sweep; returns how many photos it marked failed. */
  async sweep(): Promise<number> {
    let marked = 0;
    for (const { job, sentAt } of await this.deps.deadLetters.peek()) {
      // A photo changed after the message was sent was retried by its owner since: that run decides.
      // Photos already failed or finished are left too: `markPhotoFailed` changes only pending ones.
      const photo = await photoOfUpload(this.deps.photos, job.key);
      if (!photo || photo.updatedAt.getTime() > sentAt.getTime()) continue;
      // SQS does not say whether the last receive threw or killed the function: the reason an attempt
      // recorded on the photo wins, else the photo stopped the pipeline.
      if (await markPhotoFailed(this.deps, job, STOPPED_SERVER_REASON)) marked++;
    }
    if (marked > 0) this.deps.logger.warn("reconcile.dead_letters_failed", { count: marked });
    return marked;
  }
}
