/** What deleting an event asks of the host's durable queue: remove everything of this event. */
export interface EventDeletionJob {
  eventId: string;
}

/**
 * Queues an event's deletion. Embedded: a job of its own type in the SQLite job queue; AWS: a message on
 * the pipeline's SQS queue, handled by the pipeline Lambda. Delivery is at least once: the job is
 * idempotent (`EventDeletionService.run`).
 */
export interface EventDeletionTrigger {
  enqueue(job: EventDeletionJob): Promise<void>;
}
