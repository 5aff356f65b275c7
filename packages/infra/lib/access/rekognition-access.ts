import * as iam from "aws-cdk-lib/aws-iam";

/**
 * The two Rekognition calls the labeler makes, on image bytes. Their resource must be `*`: Rekognition
 * has no resource type for image analysis on bytes, so there is nothing narrower to name.
 */
export function allowImageAnalysis(grantee: iam.IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["rekognition:DetectLabels", "rekognition:DetectModerationLabels"],
      resources: ["*"],
    }),
  );
}
