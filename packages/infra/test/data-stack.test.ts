import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { App, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { UserDirectory } from "../lib/constructs/user-directory.js";
import { type SynthesizedShoebox, synthesizeWithPlaceholderCode } from "./support/placeholder-app.js";
import { render } from "./support/policy-statements.js";

describe("ShoeboxData (placeholder function code)", () => {
  let shoebox: SynthesizedShoebox;
  before(() => {
    shoebox = synthesizeWithPlaceholderCode();
  });
  after(() => shoebox.dispose());

  const photoBucket = () => {
    const buckets = Object.values(shoebox.data.findResources("AWS::S3::Bucket"));
    assert.equal(buckets.length, 1, "one photo bucket (originals under uploads/, variants under variants/)");
    return buckets[0]!.Properties;
  };

  it("blocks every kind of public access to the photo bucket and keeps it when the stack goes", () => {
    assert.deepEqual(photoBucket().PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    shoebox.data.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("encrypts at rest and versions every object", () => {
    assert.deepEqual(photoBucket().BucketEncryption, {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    });
    assert.deepEqual(photoBucket().VersioningConfiguration, { Status: "Enabled" });
  });

  it("refuses any request to the photo bucket that is not over TLS", () => {
    shoebox.data.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "s3:*",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("aborts multipart uploads after a day, expires old versions, and moves only originals to IA", () => {
    const rules = photoBucket().LifecycleConfiguration.Rules as Record<string, unknown>[];
    const byId = Object.fromEntries(rules.map((rule) => [rule.Id, rule]));
    assert.deepEqual(byId["abort-incomplete-multipart-uploads"], {
      Id: "abort-incomplete-multipart-uploads",
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      Status: "Enabled",
    });
    assert.deepEqual(byId["expire-noncurrent-versions"], {
      Id: "expire-noncurrent-versions",
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      ExpiredObjectDeleteMarker: true,
      Status: "Enabled",
    });
    assert.deepEqual(byId["originals-to-infrequent-access"], {
      Id: "originals-to-infrequent-access",
      Prefix: "uploads/",
      Transitions: [{ StorageClass: "STANDARD_IA", TransitionInDays: 90 }],
      Status: "Enabled",
    });
  });

  it("lets the web origins upload from a browser and read the ETag", () => {
    assert.deepEqual(photoBucket().CorsConfiguration.CorsRules, [
      {
        AllowedOrigins: ["https://photos.example.org", "https://*.cloudfront.net"],
        AllowedMethods: ["PUT", "POST", "GET", "HEAD"],
        AllowedHeaders: ["*"],
        ExposedHeaders: ["ETag"],
        MaxAge: 3000,
      },
    ]);
  });

  it("sends ObjectCreated events under uploads/ (and nothing else) to the upload queue", () => {
    const [notifications] = Object.values(shoebox.data.findResources("Custom::S3BucketNotifications"));
    const config = notifications!.Properties.NotificationConfiguration;
    assert.equal(config.QueueConfigurations.length, 1);
    const [queueConfig] = config.QueueConfigurations;
    assert.deepEqual(queueConfig.Events, ["s3:ObjectCreated:*"]);
    assert.deepEqual(queueConfig.Filter, { Key: { FilterRules: [{ Name: "prefix", Value: "uploads/" }] } });
    assert.match(render(queueConfig.QueueArn), /UploadEventsQueue/);
  });

  it("moves a message to the dead-letter queue after 5 receives and hides it 6 × the pipeline timeout", () => {
    const queues = shoebox.data.findResources("AWS::SQS::Queue");
    const [mainId, main] = Object.entries(queues).find(([id]) => id.startsWith("UploadEventsQueue"))!;
    const [deadId] = Object.entries(queues).find(([id]) => id.startsWith("UploadEventsDeadLetters"))!;
    assert.ok(mainId);
    assert.equal(main.Properties.VisibilityTimeout, 360);
    assert.deepEqual(main.Properties.RedrivePolicy, {
      deadLetterTargetArn: { "Fn::GetAtt": [deadId, "Arn"] },
      maxReceiveCount: 5,
    });
    for (const queue of Object.values(queues)) assert.equal(queue.Properties.SqsManagedSseEnabled, true);
  });

  it("lets CloudFront read only variants/, and only for this account's distributions", () => {
    const [policy] = Object.values(shoebox.data.findResources("AWS::S3::BucketPolicy"));
    const statements = policy!.Properties.PolicyDocument.Statement as Record<string, any>[];
    const cloudFront = statements.filter((s) => s.Principal?.Service === "cloudfront.amazonaws.com");
    assert.equal(cloudFront.length, 1);
    const [statement] = cloudFront;
    assert.equal(statement!.Effect, "Allow");
    assert.equal(statement!.Action, "s3:GetObject");
    assert.match(render(statement!.Resource), /^\{PhotoBucketsPhotos\w+\.Arn\}\/variants\/\*$/);
    assert.deepEqual(statement!.Condition.StringEquals, { "AWS:SourceAccount": { Ref: "AWS::AccountId" } });
    assert.equal(
      render(statement!.Condition.ArnLike["AWS:SourceArn"]),
      "arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/*",
    );
  });

  it("keeps metadata in one on-demand table with point-in-time recovery, TTL and five overloaded indexes", () => {
    shoebox.data.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain" });
    shoebox.data.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: ["GSI1", "GSI2", "GSI3", "GSI4", "GSI5", "GSI6"].map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}PK`, KeyType: "HASH" },
          { AttributeName: `${name}SK`, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    });
  });

  it("signs users in by e-mail with self sign-up, a password policy and optional TOTP MFA", () => {
    shoebox.data.hasResourceProperties("AWS::Cognito::UserPool", {
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      MfaConfiguration: "OPTIONAL",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
        },
      },
    });
  });

  it("gives the web a public client: no secret, password, SRP and refresh flows only, no hosted UI unless asked", () => {
    shoebox.data.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
      AllowedOAuthFlowsUserPoolClient: false,
    });
    shoebox.data.resourceCountIs("AWS::Cognito::UserPoolDomain", 0);
  });

  it("outputs the bucket, table, user pool and client ids", () => {
    const outputs = Object.keys(shoebox.data.findOutputs("*"));
    for (const name of ["PhotoBucketName", "TableName", "UserPoolId", "UserPoolClientId"]) {
      assert.ok(outputs.includes(name), `output ${name}`);
    }
  });
});

describe(UserDirectory.name, () => {
  it("offers the hosted UI with the authorization code flow (PKCE) only when asked", () => {
    const stack = new Stack(new App(), "Users");
    new UserDirectory(stack, "Users", {
      hostedUi: {
        domainPrefix: "shoebox-example",
        callbackUrls: ["https://photos.example.org/auth/callback"],
        logoutUrls: ["https://photos.example.org/"],
      },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: "shoebox-example" });
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ["https://photos.example.org/auth/callback"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
    });
  });
});
