import type { PipelineJob, PipelineTrigger } from "../../ports/pipeline-trigger.js";
import { retryMessageBody } from "./pipeline-messages.js";
import { type SqsQueueOptions, SqsQueueSender } from "./sqs-queue-sender.js";

/**
 * The AWS host's `PipelineTrigger`: an owner's retry becomes a message on the same queue S3 feeds, so it
 * runs through the same handler, with the same retries and dead-letter queue as an upload.
 */
export class SqsPipelineTrigger implements PipelineTrigger {
  private readonly queue: SqsQueueSender;

  constructor(options: SqsQueueOptions) {
    this.queue = new SqsQueueSender(options);
  }

  async enqueue(job: PipelineJob): Promise<void> {
    await this.queue.send(retryMessageBody(job), `the retry of ${job.key}`);
  }
}
