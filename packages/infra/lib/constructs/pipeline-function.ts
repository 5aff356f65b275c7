import { Duration } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { FunctionCode } from "./function-code.js";
import { ShoeboxFunction } from "./shoebox-function.js";

/** The pipeline's timeout; the upload queue's visibility timeout must be at least six times this. */
export const PIPELINE_TIMEOUT = Duration.seconds(60);

export interface PipelineFunctionProps {
  code: FunctionCode;
  environment: Record<string, string>;
  uploadEvents: sqs.IQueue;
  logRetentionDays: number;
  /** Photos per invocation: a few, so one slow photo delays few others. */
  batchSize?: number;
  /** Concurrent invocations at most: keeps Rekognition within its per-second quota. */
  maxConcurrency?: number;
}

/**
 * Processes uploads: S3 ObjectCreated messages arrive in SQS batches; the handler reports the messages
 * that failed (`ReportBatchItemFailures`), so only those are retried and one bad photo never re-runs the
 * others.
 */
export class PipelineFunction extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.function = new ShoeboxFunction(this, "Handler", {
      code: props.code,
      description: "Shoebox pipeline: verify, variants, labels and moderation",
      // sharp decodes 12 MP photos; memory also buys CPU on Lambda.
      memorySize: 2048,
      timeout: PIPELINE_TIMEOUT,
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
    }).function;
    this.function.addEventSource(
      new SqsEventSource(props.uploadEvents, {
        batchSize: props.batchSize ?? 4,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? 10,
      }),
    );
  }
}
