import type { PipelineJob } from "./pipeline-trigger.js";

/** A pipeline job in the dead-letter queue, and when its message was first sent (before any receive). */
export interface DeadLetteredJob {
  job: PipelineJob;
  sentAt: Date;
}

/**
 * The pipeline jobs now in the dead-letter queue, read without removing them (they stay for the alarm and
 * for an operator's redrive). AWS: the pipeline queue's SQS DLQ. A job may be seen in several reads.
 */
export interface DeadLetterSource {
  peek(): Promise<DeadLetteredJob[]>;
}
