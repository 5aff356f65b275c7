import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { Logger } from "../../../ports/logger.js";
import type { EventDeletionService } from "../../../services/events/event-deletion.service.js";
import type { PhotoPipelineService } from "../../../services/pipeline/photo-pipeline.service.js";
import { eventDeletionOf, pipelineJobsOf } from "./pipeline-message.js";

export interface PipelineHandlerDeps {
  pipeline: Pick<PhotoPipelineService, "handleJob" | "markFailed">;
  /** Runs event deletions sent on the same queue; absent, such a message fails (and is dead-lettered). */
  eventDeletions?: Pick<EventDeletionService, "run">;
  logger: Logger;
  /** The queue's redrive `maxReceiveCount`: a failure on this receive is the last attempt. */
  maxReceiveCount: number;
}

/**
 * The pipeline Lambda: SQS batches of S3 notification messages (and retries), each message through the pipeline
 * service. Failures are reported per message (`batchItemFailures`, with `ReportBatchItemFailures` on the
 * event source mapping), so one bad photo is retried alone instead of re-running the whole batch. On the
 * last receive a failing photo is marked `failed` — what the embedded queue's dead-letter hook does — and
 * the message is still reported, so SQS moves it to the dead-letter queue where the alarm sees it.
 */
export function createPipelineHandler(deps: PipelineHandlerDeps) {
  return async (batch: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse["batchItemFailures"] = [];
    // One at a time: each photo decodes and renders with sharp, which already uses the function's cores.
    for (const record of batch.Records) {
      try {
        await handleMessage(record, deps);
      } catch {
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

async function handleMessage(record: SQSRecord, deps: PipelineHandlerDeps): Promise<void> {
  const { pipeline, logger } = deps;
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  const lastAttempt = receiveCount >= deps.maxReceiveCount;
  const deletion = eventDeletionOf(record.body);
  if (deletion !== undefined) {
    if (deps.eventDeletions === undefined) throw new Error("This function does not delete events");
    try {
      await deps.eventDeletions.run(deletion);
      return;
    } catch (error) {
      logger.error("event_deletion.message_failed", {
        messageId: record.messageId,
        ...deletion,
        receiveCount,
        error,
      });
      throw error;
    }
  }
  let jobs: ReturnType<typeof pipelineJobsOf>;
  try {
    jobs = pipelineJobsOf(record.body);
  } catch (error) {
    logger.error("pipeline.unreadable_message", { messageId: record.messageId, error });
    throw error;
  }
  for (const job of jobs) {
    try {
      const outcome = await pipeline.handleJob(job);
      logger.debug("pipeline.outcome", { key: job.key, outcome });
    } catch (error) {
      logger.error("pipeline.message_failed", {
        messageId: record.messageId,
        key: job.key,
        receiveCount,
        error,
      });
      if (lastAttempt) {
        await pipeline
          .markFailed(job, String(error))
          .catch((markError: unknown) =>
            logger.error("pipeline.mark_failed_failed", { key: job.key, error: markError }),
          );
      }
      throw error;
    }
  }
}
