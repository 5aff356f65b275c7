import { pipelineJobsOfMessage, type S3NotificationRecord } from "../../../adapters/s3/s3-notifications.js";
import { eventDeletionJobOf } from "../../../adapters/sqs/event-deletion-messages.js";
import { retryJobOf } from "../../../adapters/sqs/pipeline-messages.js";
import type { EventDeletionJob } from "../../../ports/event-deletion-trigger.js";
import type { PipelineJob } from "../../../ports/pipeline-trigger.js";

/** An SQS body that is none of the messages the pipeline queue carries; it goes to the dead-letter queue. */
export class UnreadableMessageError extends Error {
  override readonly name = "UnreadableMessageError";
}

/**
 * The pipeline jobs in one SQS message body of the pipeline queue:
 * - an S3 notification: one job per `ObjectCreated:*` record (other events are ignored);
 * - the `s3:TestEvent` S3 sends when the notification is configured: no job;
 * - an owner's retry (`SqsPipelineTrigger`): its job.
 *
 * @throws UnreadableMessageError for anything else, so it is kept (dead-lettered), not silently dropped.
 */
export function pipelineJobsOf(body: string): PipelineJob[] {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new UnreadableMessageError("The message body is not JSON");
  }
  if (isTestEvent(message)) return [];
  const retry = retryJobOf(message);
  if (retry) return [retry];
  const records = (message as { Records?: unknown }).Records;
  if (!Array.isArray(records) || !records.every(isS3Record)) {
    throw new UnreadableMessageError("The message is neither an S3 notification nor a retry");
  }
  return pipelineJobsOfMessage({ Records: records });
}

function isTestEvent(message: unknown): boolean {
  return (message as { Event?: unknown } | null)?.Event === "s3:TestEvent";
}

function isS3Record(record: unknown): record is S3NotificationRecord {
  const { eventName, s3 } = (record ?? {}) as { eventName?: unknown; s3?: { object?: { key?: unknown } } };
  return typeof eventName === "string" && typeof s3?.object?.key === "string";
}

/** The event deletion an SQS body asks for (`SqsEventDeletionTrigger`), or `undefined` for any other message. */
export function eventDeletionOf(body: string): EventDeletionJob | undefined {
  try {
    return eventDeletionJobOf(JSON.parse(body));
  } catch {
    return undefined;
  }
}
