import { Aws, CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { allowHeadOfMissingKeys, allowObjectActions } from "../access/bucket-access.js";
import { photoKeys } from "../access/photo-keys.js";
import { allowImageAnalysis } from "../access/rekognition-access.js";
import { allowItemReadWrite, tableItemActions } from "../access/table-access.js";
import { Alarms } from "../constructs/alarms.js";
import { Delivery } from "../constructs/delivery.js";
import type { ServerFunctionCodes } from "../constructs/function-code.js";
import { PhotoApi, useShareGrantSecret } from "../constructs/photo-api.js";
import { PipelineFunction } from "../constructs/pipeline-function.js";
import { Reconciler } from "../constructs/reconciler.js";
import type { ShoeboxSettings } from "../settings.js";
import type { DataStack } from "./data-stack.js";

export interface ApiStackProps extends StackProps {
  data: DataStack;
  code: ServerFunctionCodes;
  settings: ShoeboxSettings;
}

/**
 * The code and its front door: the API, pipeline and reconciler functions, the HTTP API, the CloudFront
 * distribution and alarms. The distribution sits here, not in the web stack, because the API function
 * must know its URL and key id to sign delivery URLs while the distribution must know the API: in two
 * stacks that would be a dependency cycle.
 */
export class ApiStack extends Stack {
  readonly api: PhotoApi;
  readonly pipeline: PipelineFunction;
  readonly reconciler: Reconciler;
  readonly delivery: Delivery;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { data, settings } = props;
    const photos = data.buckets.photos;
    const table = data.metadata.table;
    const queue = data.uploadEvents.queue;
    const environment = {
      SHOEBOX_HOST_KIND: "aws",
      SHOEBOX_REGION: Aws.REGION,
      SHOEBOX_BUCKET: photos.bucketName,
      SHOEBOX_TABLE_NAME: table.tableName,
      SHOEBOX_COGNITO_USER_POOL_ID: data.users.userPool.userPoolId,
      SHOEBOX_COGNITO_CLIENT_ID: data.users.webClient.userPoolClientId,
      SHOEBOX_LOG_LEVEL: "info",
    };
    const logRetentionDays = settings.logRetentionDays;

    this.api = new PhotoApi(this, "Api", {
      code: props.code.api,
      environment: { ...environment, SHOEBOX_PIPELINE_QUEUE_URL: queue.queueUrl },
      userPool: data.users.userPool,
      userPoolClient: data.users.webClient,
      corsOrigins: settings.webOrigins,
      logRetentionDays,
    });
    this.delivery = new Delivery(this, "Delivery", {
      photoBucket: photos,
      apiDomainName: this.api.domainName,
      publicKeyPem: settings.cdnPublicKeyPem,
    });
    const publicUrl = `https://${this.delivery.distribution.distributionDomainName}`;
    this.api.function.addEnvironment("SHOEBOX_PUBLIC_URL", publicUrl);
    this.api.useDelivery({
      url: this.delivery.cdnUrl,
      keyPairId: this.delivery.publicKey.publicKeyId,
      privateKeyParameterName: settings.cdnPrivateKeyParameterName,
    });
    useShareGrantSecret(this.api, settings.shareGrantSecretParameterName);
    // The ticket issuer: a presigned URL carries its signer's rights, so PutObject stops at uploads/.
    // GetObject is for the owner's presigned download of an original; DeleteObject for deleting a photo.
    allowObjectActions(this.api.function, photos, ["s3:PutObject", "s3:GetObject"], [photoKeys.uploads]);
    allowObjectActions(
      this.api.function,
      photos,
      ["s3:DeleteObject"],
      [photoKeys.uploads, photoKeys.variants],
    );
    allowItemReadWrite(this.api.function, table);
    queue.grantSendMessages(this.api.function); // an owner's retry of a failed photo

    this.pipeline = new PipelineFunction(this, "Pipeline", {
      code: props.code.pipeline,
      environment: {
        ...environment,
        SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT: String(data.uploadEvents.maxReceiveCount),
      },
      uploadEvents: queue,
      logRetentionDays,
    });
    // DeleteObjectVersion undoes a second use of a POST ticket: deleting the newer version of an upload
    // makes the version the pipeline processed current again (the bucket is versioned).
    allowObjectActions(
      this.pipeline.function,
      photos,
      ["s3:GetObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
      [photoKeys.uploads],
    );
    allowObjectActions(
      this.pipeline.function,
      photos,
      ["s3:PutObject", "s3:DeleteObject"],
      [photoKeys.variants],
    );
    allowHeadOfMissingKeys(this.pipeline.function, photos);
    allowItemReadWrite(this.pipeline.function, table);
    allowImageAnalysis(this.pipeline.function);

    const deadLetters = data.uploadEvents.deadLetterQueue;
    this.reconciler = new Reconciler(this, "Reconciler", {
      code: props.code.reconcile,
      // It marks failed the pending photos whose messages reached the DLQ (a last attempt that killed the
      // function could not). It only peeks: messages stay for the alarm and an operator's redrive.
      environment: { ...environment, SHOEBOX_PIPELINE_DEAD_LETTER_QUEUE_URL: deadLetters.queueUrl },
      logRetentionDays,
    });
    deadLetters.grant(this.reconciler.function, "sqs:ReceiveMessage");
    allowObjectActions(this.reconciler.function, photos, ["s3:GetObject"], [photoKeys.uploads]);
    allowHeadOfMissingKeys(this.reconciler.function, photos);
    // A transition rewrites the photo item (conditional Put) and its index entries (Delete) in one transaction.
    table.grant(
      this.reconciler.function,
      ...tableItemActions.read,
      "dynamodb:PutItem",
      "dynamodb:DeleteItem",
    );

    this.alarms = new Alarms(this, "Alarms", {
      deadLetterQueue: data.uploadEvents.deadLetterQueue,
      functions: {
        Api: this.api.function,
        Pipeline: this.pipeline.function,
        Reconciler: this.reconciler.function,
      },
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, "ApiUrl", { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, "DistributionDomainName", {
      value: this.delivery.distribution.distributionDomainName,
    });
    new CfnOutput(this, "DistributionId", { value: this.delivery.distribution.distributionId });
    new CfnOutput(this, "PublicUrl", { value: publicUrl });
    new CfnOutput(this, "CdnKeyPairId", { value: this.delivery.publicKey.publicKeyId });
    new CfnOutput(this, "WebBucketName", { value: this.delivery.webBucket.bucketName });
  }
}
