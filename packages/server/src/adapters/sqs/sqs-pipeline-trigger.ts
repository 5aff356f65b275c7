import { SendMessageCommand, SQSClient, SQSServiceException } from "@aws-sdk/client-sqs";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { PipelineJob, PipelineTrigger } from "../../ports/pipeline-trigger.js";
import { retryMessageBody } from "./pipeline-messages.js";

export interface SqsPipelineTriggerOptions {
  /** The pipeline queue, e.g. `https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-pipeline`. */
  queueUrl: string;
  region: string;
  /** Omit on Lambda to use the function's role. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Where SendMessage is posted; omit on AWS (a stand-in in tests). */
  endpoint?: string;
}

/** SQS refused the message; `code` is its error type, e.g. "AWS.SimpleQueueService.NonExistentQueue". */
export class SqsSendError extends Error {
  override readonly name = "SqsSendError";

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The AWS host's `PipelineTrigger`: an owner's retry becomes a message on the same queue S3 feeds, so it
 * runs through the same handler, with the same retries and dead-letter queue as an upload.
 */
export class SqsPipelineTrigger implements PipelineTrigger {
  private readonly client: SQSClient;

  constructor(private readonly options: SqsPipelineTriggerOptions) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  async enqueue(job: PipelineJob): Promise<void> {
    try {
      await this.client.send(
        new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: retryMessageBody(job) }),
      );
    } catch (error) {
      if (!(error instanceof SQSServiceException)) throw error;
      throw new SqsSendError(error.name, `SQS refused the retry of ${job.key}: ${error.message}`, {
        cause: error,
      });
    }
  }
}
