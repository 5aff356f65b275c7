import type { EventDeletionJob, EventDeletionTrigger } from "../../ports/event-deletion-trigger.js";
import { eventDeletionMessageBody } from "./event-deletion-messages.js";
import { type SqsQueueOptions, SqsQueueSender } from "./sqs-queue-sender.js";

/**
 * The AWS host's `EventDeletionTrigger`: a message on the pipeline's queue, so the deletion gets that
 * queue's retries and dead-letter queue, and runs in the pipeline Lambda, which already deletes objects
 * and photo records. One queue, no new infrastructure.
 */
export class SqsEventDeletionTrigger implements EventDeletionTrigger {
  private readonly queue: SqsQueueSender;

  constructor(options: SqsQueueOptions) {
    this.queue = new SqsQueueSender(options);
  }

  async enqueue(job: EventDeletionJob): Promise<void> {
    await this.queue.send(eventDeletionMessageBody(job), `the deletion of event ${job.eventId}`);
  }
}
