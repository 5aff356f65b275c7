import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { DeadLetteredJob, DeadLetterSource } from "../../ports/dead-letter-source.js";
import type { PipelineJob } from "../../ports/pipeline-trigger.js";

export interface SqsDeadLetterSourceOptions {
  /** The pipeline queue's dead-letter queue. */
  queueUrl: string;
  region: string;
  /** Reads a message body into its jobs (the pipeline handler's parser); throws for an unreadable one. */
  jobsOf: (body: string) => PipelineJob[];
  /** ReceiveMessage calls per peek, 10 messages each: bounds a sweep over a large DLQ. */
  maxReads?: number;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Where SQS is called; omit on AWS (a stand-in in tests). */
  endpoint?: string;
}

/**
 * Peeks at the dead-letter queue: ReceiveMessage with a visibility timeout of 0, so every message stays
 * visible (for the alarm, an operator's redrive, and the next sweep) and none is deleted. Standard queues
 * return a sample per call: a sweep reads up to `maxReads` times, and what it misses the next sweep sees.
 */
export class SqsDeadLetterSource implements DeadLetterSource {
  private readonly client: SQSClient;

  constructor(private readonly options: SqsDeadLetterSourceOptions) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
  }

  async peek(): Promise<DeadLetteredJob[]> {
    const seen = new Map<string, DeadLetteredJob[]>();
    for (let read = 0; read < (this.options.maxReads ?? 10); read++) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["SentTimestamp"],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        const sentAt = new Date(Number(message.Attributes?.SentTimestamp ?? 0));
        seen.set(
          message.MessageId!,
          this.jobsIn(message.Body ?? "").map((job) => ({ job, sentAt })),
        );
      }
    }
    return [...seen.values()].flat();
  }

  /** An unreadable body names no photo: nothing to mark. */
  private jobsIn(body: string): PipelineJob[] {
    try {
      return this.options.jobsOf(body);
    } catch {
      return [];
    }
  }
}
