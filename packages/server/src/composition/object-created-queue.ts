import type { EventSubscriber, S3EventRecord } from "@shoebox/object-store";
import type { SqliteJobQueue } from "../adapters/sqlite/sqlite-job-queue.js";
import type { PipelineJob, PipelineTrigger } from "../ports/pipeline-trigger.js";

/** The facts of an S3 ObjectCreated record the pipeline needs (key already URL-decoded). */
export type ObjectCreated = PipelineJob & { size: number; etag: string };

export const OBJECT_CREATED_JOB = "object-created";

/**
 * The embedded stand-in for "S3 → SQS": each ObjectCreated record the store journals becomes a durable job.
 * The store redelivers until this resolves, and the job's dedupe key (bucket, key, sequencer) makes a
 * redelivery a no-op, so every upload is queued exactly once and survives a crash on either side.
 */
export function enqueueObjectCreated(queue: SqliteJobQueue): EventSubscriber {
  return async (message) => {
    for (const record of message.Records) {
      if (!record.eventName.startsWith("ObjectCreated:")) continue;
      const { bucket, object } = record.s3;
      queue.enqueue(OBJECT_CREATED_JOB, objectCreatedFrom(record), {
        dedupeKey: `${bucket.name}/${object.key}#${object.sequencer}`,
      });
    }
  };
}

/** S3 event keys are URL-encoded with `+` for spaces (as in a form), unlike anywhere else in S3. */
export function objectCreatedFrom(record: S3EventRecord): ObjectCreated {
  const { object } = record.s3;
  return {
    key: decodeURIComponent(object.key.replace(/\+/g, " ")),
    size: object.size ?? 0,
    etag: object.eTag ?? "",
  };
}

/**
 * Retries through the same queue and handler as ObjectCreated events. No dedupe key: a retry must run
 * even though the original event's job (deduped by its sequencer) already ran.
 */
export function queuePipelineTrigger(queue: SqliteJobQueue): PipelineTrigger {
  return {
    enqueue: async (job) => {
      queue.enqueue(OBJECT_CREATED_JOB, job);
    },
  };
}
