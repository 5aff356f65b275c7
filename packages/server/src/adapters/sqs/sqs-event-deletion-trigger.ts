import { SendMessageCommand, SQSClient, SQSServiceException } from "@aws-sdk/client-sqs";
import type { EventDeletionJob, EventDeletionTrigger } from "../../ports/event-deletion-trigger.js";
import { eventDeletionMessageBody } from "./event-deletion-messages.js";
import { type SqsPipelineTriggerOptions, SqsSendError } from "./sqs-pipeline-trigger.js";

/**
 * The AWS host's `EventDeletionTrigger`: a message on the pipeline's queue, so the deletion gets that
 * queue's retries and dead-letter queue, and runs in the pipeline Lambda, which already deletes objects
 * and photo records. One queue, no new infrastructure.
 */
export class SqsEventDeletionTrigger implements EventDeletionTrigger {
  private readonly client: SQSClient;

  constructor(private readonly options: SqsPipelineTriggerOptions) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  async enqueue(job: EventDeletionJob): Promise<void> {
    try {
      await this.client.send(
        new SendMessageCommand({
          QueueUrl: this.options.queueUrl,
          MessageBody: eventDeletionMessageBody(job),
        }),
      );
    } catch (error) {
      if (!(error instanceof SQSServiceException)) throw error;
      throw new SqsSendError(
        error.name,
        `SQS refused the deletion of event ${job.eventId}: ${error.message}`,
        {
          cause: error,
        },
      );
    }
  }
}
