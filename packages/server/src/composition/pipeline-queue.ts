import type { EventSubscriber } from "@shoebox/object-store";
import { isObjectCreated, notificationIdentityOf, pipelineJobOf } from "../adapters/s3/s3-notifications.js";
import type { SqliteJobQueue } from "../adapters/sqlite/sqlite-job-queue.js";
import type { EventDeletionJob, EventDeletionTrigger } from "../ports/event-deletion-trigger.js";
import type { PipelineJob, PipelineTrigger } from "../ports/pipeline-trigger.js";

/**
 * The job types of the embedded host's queue. The stored type name stays "object-created" so that jobs
 * queued by an earlier version still run after an upgrade.
 */
export const PIPELINE_JOB = "object-created";
/** An organizer deleted an event: remove everything in it (`EventDeletionService`). */
export const EVENT_DELETION_JOB = "event-deletion";
export type EmbeddedJobs = { [PIPELINE_JOB]: PipelineJob; [EVENT_DELETION_JOB]: EventDeletionJob };
export type EmbeddedJobQueue = SqliteJobQueue<EmbeddedJobs>;

/**
 * The embedded stand-in for "S3 → SQS": each ObjectCreated record the store journals becomes a durable job.
 * The store redelivers until this resolves, and the job's dedupe key (bucket, key, sequencer) makes a
 * redelivery a no-op, so every upload is queued exactly once and survives a crash on either side.
 */
export function enqueueUploads(queue: EmbeddedJobQueue): EventSubscriber {
  return async (message) => {
    for (const record of message.Records) {
      if (!isObjectCreated(record)) continue;
      queue.enqueue(PIPELINE_JOB, pipelineJobOf(record), { dedupeKey: notificationIdentityOf(record) });
    }
  };
}

/**
 * Retries through the same queue and handler as uploads. No dedupe key: a retry must run even though the
 * original upload's job (deduped by its sequencer) already ran.
 */
export function queuePipelineTrigger(queue: EmbeddedJobQueue): PipelineTrigger {
  return {
    enqueue: async (job) => {
      queue.enqueue(PIPELINE_JOB, job);
    },
  };
}

/**
 * Event deletions through the same durable queue: a job survives a crash and resumes at the next start.
 * No dedupe key: the job is idempotent, and a request repeated after a dead letter must run again.
 */
export function queueEventDeletions(queue: EmbeddedJobQueue): EventDeletionTrigger {
  return {
    enqueue: async (job) => {
      queue.enqueue(EVENT_DELETION_JOB, job);
    },
  };
}
