import { DynamoRateLimiter } from "../adapters/dynamodb/dynamo-rate-limiter.js";
import { SqsEventDeletionTrigger } from "../adapters/sqs/sqs-event-deletion-trigger.js";
import { SqsPipelineTrigger } from "../adapters/sqs/sqs-pipeline-trigger.js";
import { createApp } from "../http/app.js";
import type { ApiApp } from "../http/app-env.js";
import type { EventDeletionTrigger } from "../ports/event-deletion-trigger.js";
import type { PipelineTrigger } from "../ports/pipeline-trigger.js";
import { lambdaClientAddress } from "./aws-client-address.js";
import { awsDeliveryUrls } from "./aws-delivery-urls.js";
import type { AwsFoundation } from "./aws-foundation.js";
import { awsSharingPorts } from "./aws-sharing.js";
import { cognitoTokenVerifier } from "./cognito-verifier.js";
import { createCore } from "./create-core.js";
import { createRateLimits } from "./rate-limits.js";
import { rememberVerifiedTokens } from "./remembered-tokens.js";

/**
 * The HTTP app on Lambda: `createCore` over AWS adapters, with Cognito's id tokens through the same
 * `JwtTokenVerifier`, no `/api/auth` routes (Cognito signs users in), CloudFront signed URLs for viewers,
 * retries sent to the pipeline's queue, sharing over DynamoDB with limits counted in the table (many Lambda
 * instances share a limit only through it), and the client address API Gateway saw. No change notifier:
 * the pipeline runs in another function, so long polls re-read the table with backoff.
 *
 * Asynchronous because the share-grant secret is read from SSM before the app serves (once per cold start,
 * at init: `AccessGrants` verify synchronously). Without sharing configured, it does no I/O.
 */
export async function createAwsApi(foundation: AwsFoundation): Promise<ApiApp> {
  const { config, photos, events, photoBucket, clock, logger, table } = foundation;
  const deliveryUrls = awsDeliveryUrls(foundation.aws.cdn, {
    ssm: foundation.clients.ssm,
    photoBucket,
    clock,
  });
  const perMinute = (scope: string, limit: number) =>
    new DynamoRateLimiter({ ...table, scope, limit, windowSeconds: 60, clock });
  const sharing = await awsSharingPorts(foundation);
  const core = createCore(
    {
      photos,
      events,
      photoBucket,
      deliveryUrls,
      clock,
      pipelineTrigger: retryTrigger(foundation),
      eventDeletions: deletionTrigger(foundation),
      ...(sharing ? { sharing } : {}),
      rateLimits: createRateLimits(config.rateLimits, perMinute, { accounts: false }),
    },
    config,
  );
  return createApp({
    ...core,
    tokenVerifier: rememberVerifiedTokens(cognitoTokenVerifier(foundation.auth), clock),
    logger,
    publicUrl: config.http.publicUrl,
    limits: { maxDirectUploadBytes: config.uploads.maxDirectUploadBytes },
    corsOrigins: config.http.corsOrigins,
    clientAddress: lambdaClientAddress,
  });
}

/** Retries go to the pipeline's queue; without one configured, a retry is refused and the photo stays failed. */
function retryTrigger({ aws, region, clients, endpoints }: AwsFoundation): PipelineTrigger {
  if (aws.pipelineQueueUrl === undefined) {
    return {
      enqueue: async () => {
        throw new Error("Retrying is unavailable: SHOEBOX_PIPELINE_QUEUE_URL is not set");
      },
    };
  }
  return new SqsPipelineTrigger({
    queueUrl: aws.pipelineQueueUrl,
    region,
    credentials: clients.credentials,
    ...(endpoints.sqs ? { endpoint: endpoints.sqs } : {}),
  });
}

/** Event deletions go to the pipeline's queue too; without one, deleting is refused and nothing changes. */
function deletionTrigger({ aws, region, clients, endpoints }: AwsFoundation): EventDeletionTrigger {
  if (aws.pipelineQueueUrl === undefined) {
    return {
      enqueue: async () => {
        throw new Error("Deleting events is unavailable: SHOEBOX_PIPELINE_QUEUE_URL is not set");
      },
    };
  }
  return new SqsEventDeletionTrigger({
    queueUrl: aws.pipelineQueueUrl,
    region,
    credentials: clients.credentials,
    ...(endpoints.sqs ? { endpoint: endpoints.sqs } : {}),
  });
}
