import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { MetadataTable } from "../constructs/metadata-table.js";
import { PhotoBuckets } from "../constructs/photo-buckets.js";
import { PIPELINE_TIMEOUT } from "../constructs/pipeline-function.js";
import { UploadEventQueue } from "../constructs/upload-event-queue.js";
import { UserDirectory, type UserDirectoryProps } from "../constructs/user-directory.js";

export interface DataStackProps extends StackProps {
  webOrigins: readonly string[];
  hostedUi?: UserDirectoryProps["hostedUi"];
}

/**
 * What outlives a deploy: the photo bucket with its upload event queue, the metadata table, the user pool.
 * Kept apart from the API so code deploys never touch stored data (bucket, table and pool are retained).
 */
export class DataStack extends Stack {
  readonly buckets: PhotoBuckets;
  readonly uploadEvents: UploadEventQueue;
  readonly metadata: MetadataTable;
  readonly users: UserDirectory;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.uploadEvents = new UploadEventQueue(this, "UploadEvents", {
      visibilityTimeout: Duration.seconds(PIPELINE_TIMEOUT.toSeconds() * 6),
    });
    this.buckets = new PhotoBuckets(this, "PhotoBuckets", {
      uploadEvents: this.uploadEvents.queue,
      webOrigins: props.webOrigins,
    });
    this.metadata = new MetadataTable(this, "Metadata");
    this.users = new UserDirectory(this, "Users", props.hostedUi ? { hostedUi: props.hostedUi } : {});

    new CfnOutput(this, "PhotoBucketName", { value: this.buckets.photos.bucketName });
    new CfnOutput(this, "TableName", { value: this.metadata.table.tableName });
    new CfnOutput(this, "UserPoolId", { value: this.users.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.users.webClient.userPoolClientId });
    new CfnOutput(this, "UploadQueueUrl", { value: this.uploadEvents.queue.queueUrl });
  }
}
