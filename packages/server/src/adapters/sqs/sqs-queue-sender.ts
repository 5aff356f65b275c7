import { SendMessageCommand, SQSClient, SQSServiceException } from "@aws-sdk/client-sqs";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export interface SqsQueueOptions {
  /** The queue, e.g. `https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-pipeline`. */
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
 * Sends message bodies to one queue. What SQS refuses becomes an `SqsSendError` naming what was being
 * sent; anything else (the network, credentials) is thrown as the SDK threw it.
 */
export class SqsQueueSender {
  private readonly client: SQSClient;

  constructor(private readonly options: SqsQueueOptions) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  /** `what` completes "SQS refused …", e.g. "the retry of uploads/…". */
  async send(body: string, what: string): Promise<void> {
    try {
      await this.client.send(new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: body }));
    } catch (error) {
      if (!(error instanceof SQSServiceException)) throw error;
      throw new SqsSendError(error.name, `SQS refused ${what}: ${error.message}`, { cause: error });
    }
  }
}
