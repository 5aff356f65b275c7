import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface UploadEventQueueProps {
  /**
   * How long a received message stays hidden. AWS advises at least six times the consuming function's
   * timeout, so a batch that is retried by Lambda's poller is not handed to a second invocation meanwhile.
   */
  visibilityTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue; the pipeline's last attempt marks it failed. */
  maxReceiveCount?: number;
}

/**
 * The queue between the photo bucket's ObjectCreated events and the pipeline, with a dead-letter queue.
 * It lives beside the bucket (data stack): the bucket's notification must name it, and a queue in the API
 * stack would make the two stacks depend on each other.
 */
export class UploadEventQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: UploadEventQueueProps) {
    super(scope, id);
    this.maxReceiveCount = props.maxReceiveCount ?? 5;
    this.deadLetterQueue = new sqs.Queue(this, "DeadLetters", {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.queue = new sqs.Queue(this, "Queue", {
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      // SQS-managed keys: S3 may publish to the queue without a KMS key policy.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
