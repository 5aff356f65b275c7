import type { EventDeletionJob } from "../../ports/event-deletion-trigger.js";

/** Marks an event deletion on the pipeline queue, beside S3 notifications and retries. */
const EVENT_DELETION_KIND = "shoebox.event-deletion";

/** The SQS body of an event deletion, tagged so it cannot be mistaken for an S3 message or a retry. */
export function eventDeletionMessageBody(job: EventDeletionJob): string {
  return JSON.stringify({ kind: EVENT_DELETION_KIND, eventId: job.eventId });
}

/** The job in an event deletion message body (already parsed), or `undefined` when it is not one. */
export function eventDeletionJobOf(message: unknown): EventDeletionJob | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const { kind, eventId } = message as { kind?: unknown; eventId?: unknown };
  if (kind !== EVENT_DELETION_KIND || typeof eventId !== "string" || eventId.length === 0) return undefined;
  return { eventId };
}
