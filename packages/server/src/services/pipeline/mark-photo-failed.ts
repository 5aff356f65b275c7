import { photoIdOfUploadKey } from "../../domain/upload-rules.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { PipelineJob } from "../../ports/pipeline-trigger.js";
import { failureFromLastError } from "./pipeline-step-error.js";

export interface MarkFailedDeps {
  photos: PhotoRepository;
  clock: Clock;
  logger: Logger;
  changes?: PhotoChangeNotifier;
}

/**
 * The job for `job.key` ran out of attempts: marks its photo `failed` with the step and reason (from
 * `lastError`, else what the last attempt recorded), for its owner to see and retry. Only a photo still
 * `pending` (or `expired`) changes, so a second call, or one for a photo that finished, does nothing.
 * Returns whether a photo was marked. Its own module so that the AWS reconciler can use it without sharp.
 */
export async function markPhotoFailed(
  deps: MarkFailedDeps,
  job: PipelineJob,
  lastError: string,
): Promise<boolean> {
  const photoId = photoIdOfUploadKey(job.key);
  const photo = photoId === undefined ? undefined : await deps.photos.get(photoId);
  if (!photo || photo.objectKey !== job.key) return false;
  const fromQueue = failureFromLastError(lastError);
  const step = fromQueue.step ?? photo.failedStep;
  const failed = await deps.photos.transition(photo.id, ["pending", "expired"], {
    status: "failed",
    statusReason: fromQueue.step === undefined ? (photo.statusReason ?? fromQueue.reason) : fromQueue.reason,
    ...(step === undefined ? {} : { failedStep: step }),
    ...(job.etag === undefined ? {} : { etag: job.etag }),
    updatedAt: deps.clock.now(),
  });
  if (!failed) return false;
  deps.logger.warn("pipeline.failed", { photoId: photo.id, step, lastError });
  deps.changes?.notify(photo.id);
  return true;
}
