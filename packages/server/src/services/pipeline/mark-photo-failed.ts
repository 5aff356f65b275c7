import type { PipelineStep } from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { PipelineJob } from "../../ports/pipeline-trigger.js";
import { photoOfUpload } from "./photo-of-upload.js";
import { failureReason } from "./pipeline-step-error.js";

export interface MarkFailedDeps {
  photos: PhotoRepository;
  clock: Clock;
  logger: Logger;
  changes?: PhotoChangeNotifier;
}

/** The job's last attempt ended with the process stopping (a crash, a kill, out of memory), in `step` if known. */
export interface ProcessStopped {
  processStopped: true;
  step?: PipelineStep;
}

/** What the owner reads when processing their photo stopped the server on its last attempt. */
export const STOPPED_SERVER_REASON = "Processing this photo stopped the server repeatedly";

/**
 * The job for `job.key` ran out of attempts: marks its photo `failed`, for its owner to see and retry.
 * After errors, the step and reason are those the last attempt recorded on the photo (`failedStep`,
 * `statusReason`), else the queue's `lastError` as the reason; after the process stopped, the step it was in
 * and `STOPPED_SERVER_REASON`. Only a photo still `pending` (or `expired`) changes, so a second call, or one
 * for a photo that finished, does nothing. Returns whether a photo was marked. Its own module so that the
 * AWS reconciler can use it without sharp.
 */
export async function markPhotoFailed(
  deps: MarkFailedDeps,
  job: PipelineJob,
  why: string | ProcessStopped,
): Promise<boolean> {
  const photo = await photoOfUpload(deps.photos, job.key);
  if (!photo) return false;
  const stopped = typeof why === "string" ? undefined : why;
  const step = stopped?.step ?? photo.failedStep;
  const statusReason = stopped ? STOPPED_SERVER_REASON : (photo.statusReason ?? failureReason(why));
  const failed = await deps.photos.transition(photo.id, ["pending", "expired"], {
    status: "failed",
    statusReason,
    ...(step === undefined ? {} : { failedStep: step }),
    ...(job.etag === undefined ? {} : { etag: job.etag }),
    updatedAt: deps.clock.now(),
  });
  if (!failed) return false;
  deps.logger.warn("pipeline.failed", { photoId: photo.id, step, reason: statusReason });
  deps.changes?.notify(photo.id);
  return true;
}
