import { existsSync } from "node:fs";
import { Annotations } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type * as s3 from "aws-cdk-lib/aws-s3";
import * as deployment from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";

/** What the web client reads from `/config.json` to find Cognito and the API on the AWS host. */
export interface WebClientConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  apiBaseUrl: string;
  cdnBaseUrl: string;
}

export interface WebClientDeploymentProps {
  /** The built client (`packages/web/dist`). */
  distDir: string;
  bucket: s3.IBucket;
  distribution: cloudfront.IDistribution;
  config: WebClientConfig;
}

/**
 * Copies the built web client and its `config.json` into the web bucket and invalidates the distribution.
 * Without a build at synth time only `config.json` is deployed (nothing else is pruned) and a note says so:
 * `npm run build -w packages/web` first.
 */
export class WebClientDeployment extends Construct {
  readonly deployment: deployment.BucketDeployment;

  constructor(scope: Construct, id: string, props: WebClientDeploymentProps) {
    super(scope, id);
    const built = existsSync(props.distDir);
    if (!built) {
      Annotations.of(this).addInfo(
        `No web client build at ${props.distDir}: only config.json is deployed (build packages/web first)`,
      );
    }
    const config = deployment.Source.jsonData("config.json", props.config);
    this.deployment = new deployment.BucketDeployment(this, "Files", {
      destinationBucket: props.bucket,
      sources: built ? [deployment.Source.asset(props.distDir), config] : [config],
      prune: built,
      distribution: props.distribution,
      distributionPaths: ["/index.html", "/config.json"],
      memoryLimit: 512,
    });
  }
}
