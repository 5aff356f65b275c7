import { Aspects, Aws, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { ExplicitActions } from "../aspects/explicit-actions.js";
import { WebClientDeployment } from "../constructs/web-client-deployment.js";
import type { ApiStack } from "./api-stack.js";
import type { DataStack } from "./data-stack.js";

export interface WebStackProps extends StackProps {
  data: DataStack;
  api: ApiStack;
  /** The built web client; skipped (with a note) when it does not exist. */
  webDistDir: string;
}

/** The web client's files and its `config.json`, deployed into the distribution's web bucket. */
export class WebStack extends Stack {
  readonly client: WebClientDeployment;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { data, api } = props;
    this.client = new WebClientDeployment(this, "WebClient", {
      distDir: props.webDistDir,
      bucket: api.delivery.webBucket,
      distribution: api.delivery.distribution,
      config: {
        region: Aws.REGION,
        userPoolId: data.users.userPool.userPoolId,
        userPoolClientId: data.users.webClient.userPoolClientId,
        apiBaseUrl: "/api",
        cdnBaseUrl: api.delivery.cdnUrl,
      },
    });
    // BucketDeployment's handler role is written by CDK with wildcard S3 actions; narrow them.
    Aspects.of(this).add(new ExplicitActions());
  }
}
